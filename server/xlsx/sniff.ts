import type { NotZipLook, ReadProblem } from './read-problem';

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
 * What the bytes are, when they are plainly not an .xlsx zip: the common wrong files get a precise reason
 * before the reader starts. Null when the bytes look like a zip archive; the reader tells the rest.
 */
export function sniffWorkbookBytes(buf: Buffer): ReadProblem | null {
  if (buf.length === 0) return { kind: 'empty' };
  if (startsWith(buf, oleSignature)) {
    // Stream names inside the compound file are UTF-16: an encrypted OOXML package carries these two.
    if (buf.includes(utf16('EncryptedPackage')) || buf.includes(utf16('EncryptionInfo'))) return { kind: 'encrypted' };
    return { kind: 'legacy-xls' };
  }
  if (startsWith(buf, zipEmptyArchive)) return { kind: 'empty-zip' };
  if (!startsWith(buf, zipLocalHeader)) return { kind: 'not-zip', looksLike: describeNonZip(buf) };
  const tail = buf.subarray(Math.max(0, buf.length - eocdSearchWindow));
  if (!tail.includes(zipEndOfCentralDirectory)) return { kind: 'truncated' };
  return null;
}

function describeNonZip(buf: Buffer): NotZipLook {
  const head = buf.subarray(0, Math.min(buf.length, 4096));
  if (head.includes(0)) return 'binary';
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (/^\s*</.test(text)) return 'markup';
  if (/[;,\t]/.test(firstLine)) return 'csv';
  return 'text';
}
