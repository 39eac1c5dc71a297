/**
 * PGlite's WebAssembly module (PostgreSQL, 9 MB), compiled once per process from bytes read into memory that
 * V8 maps itself rather than into a malloc'd buffer.
 *
 * Why: left to itself, PGlite reads the file into a Buffer and lets it go once compiled. glibc serves a block
 * that size with mmap, and when such a block is freed it raises its mmap threshold to the block's size, for
 * the life of the process: from then on every allocation under 9 MB comes from the main heap, which keeps
 * what it once held. The service's C heap ([heap] in /proc/<pid>/smaps) sat at 15.5 MB once open and 20-25 MB
 * after the bench's save load; read this way, 7.7-7.8 MB once open and 13-20 MB after the load (built service,
 * 10,000 snapshots; PGlite opened alone: 13.9 -> 7.9 MB). Compiling takes 62-65 ms either way.
 * A WebAssembly.Memory is mapped and unmapped by V8 directly, so glibc never sees it.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let compiled: Promise<WebAssembly.Module> | undefined;

/** The module, for PGlite's `pgliteWasmModule` option; one compilation per process, as PGlite caches its own. */
export function pgliteWasmModule(): Promise<WebAssembly.Module> {
  compiled ??= compile().catch((error: unknown) => {
    compiled = undefined;
    throw error;
  });
  return compiled;
}

async function compile(): Promise<WebAssembly.Module> {
  const file = join(dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), 'pglite.wasm');
  const fd = openSync(file, 'r');
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    const size = fstatSync(fd).size;
    bytes = new Uint8Array(new WebAssembly.Memory({ initial: Math.ceil(size / 65_536) }).buffer, 0, size);
    for (let read = 0; read < size; ) {
      const n = readSync(fd, bytes, read, size - read, read);
      if (n === 0) throw new Error(`${file} ended after ${read} of ${size} bytes`);
      read += n;
    }
  } finally {
    closeSync(fd);
  }
  return WebAssembly.compile(bytes);
}
