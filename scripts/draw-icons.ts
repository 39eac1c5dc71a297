/**
 * Draws the add-in's ribbon and manifest icons (16, 32 and 80 px PNGs) into addin/assets/, so no artwork is
 * fetched from anywhere: a rounded blue square with three rising white bars (totals per district).
 * Run `npx tsx scripts/draw-icons.ts` after changing the drawing; the PNGs are committed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];

const background: Rgba = [15, 84, 140, 255];
const foreground: Rgba = [255, 255, 255, 255];
/** Bars in unit coordinates: [left, right, top]; all stand on the same baseline. */
const bars: Array<[number, number, number]> = [
  [0.2, 0.34, 0.52],
  [0.43, 0.57, 0.36],
  [0.66, 0.8, 0.2],
];
const baseline = 0.8;
const cornerRadius = 0.2;

function insideRoundedSquare(x: number, y: number): boolean {
  const cx = Math.min(Math.max(x, cornerRadius), 1 - cornerRadius);
  const cy = Math.min(Math.max(y, cornerRadius), 1 - cornerRadius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= cornerRadius ** 2;
}

function insideBar(x: number, y: number): boolean {
  return bars.some(([left, right, top]) => x >= left && x <= right && y >= top && y <= baseline);
}

/** 8×8 supersampling per pixel gives smooth edges even at 16 px. */
function drawIcon(size: number): Buffer {
  const samples = 8;
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let inSquare = 0;
      let inBar = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          if (!insideRoundedSquare(x, y)) continue;
          inSquare++;
          if (insideBar(x, y)) inBar++;
        }
      }
      const total = samples * samples;
      const alpha = inSquare / total;
      const barShare = inSquare === 0 ? 0 : inBar / inSquare;
      const offset = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) {
        pixels[offset + c] = Math.round(background[c] * (1 - barShare) + foreground[c] * barShare);
      }
      pixels[offset + 3] = Math.round(alpha * 255);
    }
  }
  return encodePng(size, size, pixels);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** A truecolour-with-alpha PNG, 8 bits per channel, no filtering (filter byte 0 on every scanline). */
export function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 6;
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const iconSizes = [16, 32, 80] as const;

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'addin', 'assets');
  mkdirSync(outDir, { recursive: true });
  for (const size of iconSizes) {
    const file = join(outDir, `icon-${size}.png`);
    writeFileSync(file, drawIcon(size));
    console.log(`wrote ${file}`);
  }
}
