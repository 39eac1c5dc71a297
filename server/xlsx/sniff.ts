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
export function sniffWorkbookBytes(buf: Buffer, label: string, maxUnpackedMb = Number.POSITIVE_INFINITY): void {
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
  if (buf.includes(Buffer.from('xl/workbook.xml'))) {
    const unpacked = declaredUnpackedBytes(buf);
    // The zip library inflates entries outside the worker's heap limit, so a zip bomb is refused by its own declaration.
    if (unpacked !== null && unpacked > maxUnpackedMb * 1024 * 1024) {
      throw new WorkbookReadError('too-big', `${label} unpacks to ${Math.round(unpacked / 1024 / 1024)} MB, more than the ${maxUnpackedMb} MB limit: it cannot be a budget or membership workbook.`);
    }
    return;
  }
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

/**
 * The sum of the uncompressed sizes the zip's central directory declares, or null when the directory
 * cannot be walked (the zip library then reports the damage itself).
 */
export function declaredUnpackedBytes(buf: Buffer): number | null {
  const eocd = buf.lastIndexOf(zipEndOfCentralDirectory);
  if (eocd < 0 || eocd + 22 > buf.length) return null;
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return null;
    let size = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    if (size === 0xffffffff) size = zip64Size(buf, p + 46 + nameLength, extraLength) ?? Number.POSITIVE_INFINITY;
    total += size;
    p += 46 + nameLength + extraLength + commentLength;
  }
  return total;
}

/** A ZIP64 entry keeps its real uncompressed size in extra field 0x0001. */
function zip64Size(buf: Buffer, start: number, length: number): number | null {
  for (let q = start; q + 4 <= start + length && q + 4 <= buf.length; ) {
    const id = buf.readUInt16LE(q);
    const size = buf.readUInt16LE(q + 2);
    if (id === 0x0001 && size >= 8 && q + 12 <= buf.length) return Number(buf.readBigUInt64LE(q + 4));
    q += 4 + size;
  }
  return null;
}
