import { WorkbookReadError } from './workbook-read-error';

const zipLocalHeader = [0x50, 0x4b, 0x03, 0x04];
const zipEmptyArchive = [0x50, 0x4b, 0x05, 0x06];
const zipEndOfCentralDirectory = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
// The OLE2 compound-file signature: Excel wraps a password-protected .xlsx in one, and old .xls files are one.
const oleSignature = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
// The end-of-central-directory record sits in the last 22 bytes plus an optional comment of up to 64 KiB.
const eocdSearchWindow = 22 + 0xffff;

function startsWith(buf: Buffer, bytes: number[]): boolean {
  return buf.length >= bytes.length && bytes.every((b, i) => buf[i] === b);
}

function utf16(text: string): Buffer {
  return Buffer.from(text, 'utf16le');
}

/**
 * Checks the bytes before exceljs sees them, so that the common wrong files get a precise reason
 * instead of a zip library's stack trace. Throws WorkbookReadError; returns when the bytes look like an xlsx.
 */
export function sniffWorkbookBytes(buf: Buffer, label: string): void {
  if (buf.length === 0) {
    throw new WorkbookReadError('empty', `${label} is empty (0 bytes): save the workbook from Excel as .xlsx and try again.`);
  }
  if (startsWith(buf, oleSignature)) {
    // Stream names inside the compound file are UTF-16: an encrypted OOXML package carries these two.
    if (buf.includes(utf16('EncryptedPackage')) || buf.includes(utf16('EncryptionInfo'))) {
      throw new WorkbookReadError(
        'encrypted',
        `${label} is a password-protected (encrypted) workbook: open it in Excel, remove the password under File > Info > Protect Workbook, save, and try again.`,
      );
    }
    throw new WorkbookReadError(
      'legacy-xls',
      `${label} is an old Excel 97-2003 file (.xls), not .xlsx: open it in Excel and save it as "Excel Workbook (.xlsx)".`,
    );
  }
  if (startsWith(buf, zipEmptyArchive)) {
    throw new WorkbookReadError('not-xlsx', `${label} is an empty zip archive, not an xlsx workbook.`);
  }
  if (!startsWith(buf, zipLocalHeader)) {
    throw new WorkbookReadError('not-xlsx', `${label} is not an xlsx workbook (${describeNonZip(buf)}): save it from Excel as "Excel Workbook (.xlsx)".`);
  }
  const tail = buf.subarray(Math.max(0, buf.length - eocdSearchWindow));
  if (!tail.includes(zipEndOfCentralDirectory)) {
    throw new WorkbookReadError('truncated', `${label} is truncated (the zip archive has no end record): the file was cut off while copying or downloading; copy it again.`);
  }
  // Entry names are stored uncompressed in the central directory, so a plain byte search finds them.
  if (buf.includes(Buffer.from('xl/workbook.xml'))) return;
  if (buf.includes(Buffer.from('xl/workbook.bin'))) {
    throw new WorkbookReadError('not-xlsx', `${label} is a binary workbook (.xlsb), not .xlsx: save it as "Excel Workbook (.xlsx)".`);
  }
  if (buf.includes(Buffer.from('application/vnd.oasis.opendocument.spreadsheet'))) {
    throw new WorkbookReadError('not-xlsx', `${label} is an OpenDocument spreadsheet (.ods), not .xlsx: save it as "Excel Workbook (.xlsx)".`);
  }
  throw new WorkbookReadError('not-xlsx', `${label} is a zip archive but not an xlsx workbook (it has no xl/workbook.xml), e.g. a .docx or .zip.`);
}

function describeNonZip(buf: Buffer): string {
  const head = buf.subarray(0, Math.min(buf.length, 4096));
  if (head.includes(0)) return 'it looks like binary data';
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (/^\s*</.test(text)) return 'it looks like HTML or XML text';
  if (/[;,\t]/.test(firstLine)) return 'it looks like a CSV or text file';
  return 'it looks like a text file';
}
