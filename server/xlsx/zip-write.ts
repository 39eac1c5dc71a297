/**
 * A copy of a zip with some entries' contents replaced: every other entry's stored bytes are copied as they
 * are (not inflated and deflated again), so the parts a patch does not touch stay byte for byte what they were.
 * Headers are written afresh from the central directory (without data descriptors or extra fields), which is
 * what every reader trusts; sizes fit 32 bits, since the reader never accepts an archive near 4 GB.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import { storedBytes, type ZipArchive, type ZipEntry } from './zip';

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const EOCD = 0x06054b50;
const VERSION = 20;
const DATA_DESCRIPTOR = 0x8;

interface Written {
  entry: ZipEntry;
  name: Buffer;
  method: number;
  crc: number;
  size: number;
  data: Buffer;
  offset: number;
}

export function rewriteZip(zip: ZipArchive, replaced: ReadonlyMap<ZipEntry, Buffer>): Buffer {
  const chunks: Buffer[] = [];
  const written: Written[] = [];
  let offset = 0;
  for (const entry of zip.entries) {
    const content = replaced.get(entry);
    const w: Written = content
      ? { entry, name: Buffer.from(entry.name, 'utf8'), method: 8, crc: crc32(content), size: content.length, data: deflateRawSync(content), offset }
      : { entry, name: Buffer.from(entry.name, 'utf8'), method: entry.method, crc: entry.crc32, size: entry.size, data: storedBytes(zip, entry), offset };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(entry.flags & ~DATA_DESCRIPTOR & 0xffff, 6);
    local.writeUInt16LE(w.method, 8);
    local.writeUInt32LE(entry.dosDateTime >>> 0, 10);
    local.writeUInt32LE(w.crc >>> 0, 14);
    local.writeUInt32LE(w.data.length, 18);
    local.writeUInt32LE(w.size, 22);
    local.writeUInt16LE(w.name.length, 26);
    local.writeUInt16LE(0, 28);
    chunks.push(local, w.name, w.data);
    offset += local.length + w.name.length + w.data.length;
    written.push(w);
  }
  const directoryStart = offset;
  for (const w of written) {
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL, 0);
    central.writeUInt16LE(VERSION, 4);
    central.writeUInt16LE(VERSION, 6);
    central.writeUInt16LE(w.entry.flags & ~DATA_DESCRIPTOR & 0xffff, 8);
    central.writeUInt16LE(w.method, 10);
    central.writeUInt32LE(w.entry.dosDateTime >>> 0, 12);
    central.writeUInt32LE(w.crc >>> 0, 16);
    central.writeUInt32LE(w.data.length, 20);
    central.writeUInt32LE(w.size, 24);
    central.writeUInt16LE(w.name.length, 28);
    central.writeUInt32LE(w.offset, 42);
    chunks.push(central, w.name);
    offset += central.length + w.name.length;
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(written.length, 8);
  end.writeUInt16LE(written.length, 10);
  end.writeUInt32LE(offset - directoryStart, 12);
  end.writeUInt32LE(directoryStart, 16);
  chunks.push(end);
  return Buffer.concat(chunks);
}
