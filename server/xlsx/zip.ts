/**
 * The zip container of an .xlsx: its central directory, and each entry inflated with node's zlib while the
 * real output is counted. The sizes a zip's headers declare are never trusted: an archive that under-declares
 * them is stopped by `maxOutputLength`, which zlib checks as it writes, not after.
 */
import { inflateRawSync } from 'node:zlib';
import { ReadProblemError } from './read-problem';

export interface ZipEntry {
  /** The entry's name as stored (forward slashes, no leading slash). */
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  /** The size the directory declares: a hint for an early refusal, never a bound on what is inflated. */
  size: number;
  localOffset: number;
  /** CRC-32 of the inflated bytes and the DOS time and date, as the directory says: what a copy of the entry keeps. */
  crc32: number;
  dosDateTime: number;
}

export interface ZipArchive {
  bytes: Buffer;
  entries: ZipEntry[];
  /** Lower-cased name → entry: OPC part names compare without regard to case. */
  byName: Map<string, ZipEntry>;
}

/** What may still be inflated from this archive, in bytes; every entry read takes its share. */
export interface InflateBudget {
  left: number;
  readonly limit: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function damaged(): never {
  throw new ReadProblemError({ kind: 'damaged-zip' });
}

function findEndRecord(buf: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes.
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let p = buf.length - 22; p >= stop; p--) {
    if (buf[p] === 0x50 && buf.readUInt32LE(p) === EOCD) return p;
  }
  throw new ReadProblemError({ kind: 'truncated' });
}

/** A ZIP64 entry keeps the fields that overflow 32 bits in extra field 0x0001, in this order. */
function zip64Fields(buf: Buffer, start: number, length: number, want: { size: boolean; compressed: boolean; offset: boolean }) {
  const out = { size: -1, compressed: -1, offset: -1 };
  for (let q = start; q + 4 <= start + length; ) {
    const id = buf.readUInt16LE(q);
    const size = buf.readUInt16LE(q + 2);
    if (id === 0x0001) {
      let p = q + 4;
      const take = () => {
        if (p + 8 > q + 4 + size) damaged();
        const v = Number(buf.readBigUInt64LE(p));
        p += 8;
        return v;
      };
      if (want.size) out.size = take();
      if (want.compressed) out.compressed = take();
      if (want.offset) out.offset = take();
      return out;
    }
    q += 4 + size;
  }
  return out;
}

export function openZip(buf: Buffer): ZipArchive {
  const eocd = findEndRecord(buf);
  let count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  if ((count === 0xffff || offset === 0xffffffff) && eocd >= 20 && buf.readUInt32LE(eocd - 20) === ZIP64_LOCATOR) {
    const at = Number(buf.readBigUInt64LE(eocd - 20 + 8));
    if (at + 56 > buf.length || buf.readUInt32LE(at) !== ZIP64_EOCD) damaged();
    count = Number(buf.readBigUInt64LE(at + 32));
    offset = Number(buf.readBigUInt64LE(at + 48));
  }
  const entries: ZipEntry[] = [];
  const byName = new Map<string, ZipEntry>();
  let p = offset;
  // A directory that claims more entries than its bytes could hold is damaged; the loop stops at its bytes.
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) damaged();
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    let compressedSize = buf.readUInt32LE(p + 20);
    let size = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    let localOffset = buf.readUInt32LE(p + 42);
    const dosDateTime = buf.readUInt32LE(p + 12);
    const crc32 = buf.readUInt32LE(p + 16);
    const nameEnd = p + 46 + nameLength;
    if (nameEnd + extraLength > buf.length) damaged();
    if (compressedSize === 0xffffffff || localOffset === 0xffffffff || size === 0xffffffff) {
      const z = zip64Fields(buf, nameEnd, extraLength, { size: size === 0xffffffff, compressed: compressedSize === 0xffffffff, offset: localOffset === 0xffffffff });
      if (z.size >= 0) size = z.size;
      if (z.compressed >= 0) compressedSize = z.compressed;
      if (z.offset >= 0) localOffset = z.offset;
    }
    // Bit 11 says UTF-8; names Excel writes are ASCII either way.
    const name = buf.toString('utf8', p + 46, nameEnd).replace(/\\/g, '/').replace(/^\/+/, '');
    const entry = { name, method, flags, compressedSize, size, localOffset, crc32, dosDateTime };
    entries.push(entry);
    const key = name.toLowerCase();
    if (!byName.has(key)) byName.set(key, entry);
    p = nameEnd + extraLength + commentLength;
  }
  return { bytes: buf, entries, byName };
}

export function findEntry(zip: ZipArchive, name: string): ZipEntry | undefined {
  const key = name.replace(/^\/+/, '').toLowerCase();
  const direct = zip.byName.get(key);
  if (direct) return direct;
  // Part names are URIs: a relationship may say %20 where the zip holds a space, or the other way round.
  try {
    const decoded = decodeURIComponent(key);
    if (decoded !== key) return zip.byName.get(decoded);
  } catch {
    // A stray % is no escape; the plain lookup above already had its chance.
  }
  return zip.byName.get(encodeURI(key).toLowerCase());
}

/** The entry's bytes as stored (compressed), after its local header. */
export function storedBytes(zip: ZipArchive, entry: ZipEntry): Buffer {
  const buf = zip.bytes;
  const p = entry.localOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOCAL) damaged();
  if (entry.flags & 0x1) throw new ReadProblemError({ kind: 'encrypted' });
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const end = start + entry.compressedSize;
  if (end > buf.length) throw new ReadProblemError({ kind: 'truncated' });
  return buf.subarray(start, end);
}

/** The entry's bytes, inflated, counted against the budget. */
export function readEntry(zip: ZipArchive, entry: ZipEntry, budget: InflateBudget): Buffer {
  const data = storedBytes(zip, entry);
  if (budget.left <= 0) throw new ReadProblemError({ kind: 'too-much-unpacked', limitBytes: budget.limit });
  if (entry.size > budget.left) throw new ReadProblemError({ kind: 'too-much-unpacked', limitBytes: budget.limit, declaredBytes: entry.size });
  let out: Buffer;
  if (entry.method === 0) {
    if (data.length > budget.left) throw new ReadProblemError({ kind: 'too-much-unpacked', limitBytes: budget.limit });
    out = data;
  } else if (entry.method === 8) {
    try {
      // Output in one chunk of the declared size where that is honest, so zlib need not join many; the count
      // against the budget holds whatever the declaration says.
      const chunkSize = Math.max(16 * 1024, Math.min(entry.size + 1024, budget.left + 1, 64 * 1024 * 1024));
      out = inflateRawSync(data, { maxOutputLength: budget.left, chunkSize });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new ReadProblemError({ kind: 'too-much-unpacked', limitBytes: budget.limit });
      damaged();
    }
  } else {
    throw new ReadProblemError({ kind: 'compression', method: entry.method });
  }
  budget.left -= out.length;
  return out;
}
