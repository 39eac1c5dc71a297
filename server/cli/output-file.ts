/**
 * Files the CLI writes (template --out, validate --fix): exactly the name given, never over an existing
 * file without --force, and never half-written — the bytes go to a temporary file beside it first.
 */
import { link, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { UsageError } from './io';
import type { CliWords } from './words';

/** `--out NAME`: NAME.xlsx as given; a name without an extension gets .xlsx; any other extension is refused. */
export function xlsxOutputName(raw: string, option: string, w: CliWords): string {
  const ext = extname(raw);
  if (ext === '') return `${raw}.xlsx`;
  if (ext.toLowerCase() !== '.xlsx') throw new UsageError(w.outNotXlsx(raw, option, ext));
  return raw;
}

export async function writeOutputFile(path: string, bytes: Uint8Array, opts: { force: boolean; option: string }, w: CliWords): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(temp, bytes, { flag: 'wx' });
  } catch (err) {
    throw new UsageError(w.cannotWrite(path, (err as NodeJS.ErrnoException).code));
  }
  try {
    if (opts.force) {
      await rename(temp, path);
      return;
    }
    // A hard link fails with EEXIST when the name is taken: no moment where an existing file is replaced.
    try {
      await link(temp, path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new UsageError(w.exists(path, opts.option));
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw new UsageError(w.cannotWrite(path, code));
      // A file system without hard links (some network drives): create the name exclusively instead.
      try {
        await writeFile(path, bytes, { flag: 'wx' });
      } catch (e) {
        const c = (e as NodeJS.ErrnoException).code;
        throw new UsageError(c === 'EEXIST' ? w.exists(path, opts.option) : w.cannotWrite(path, c));
      }
    }
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(w.cannotWrite(path, (err as NodeJS.ErrnoException).code));
  } finally {
    await unlink(temp).catch(() => {});
  }
}
