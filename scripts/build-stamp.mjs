/**
 * Builds dist/<name> only when its sources changed (scripts/when-changed.mjs asks it before `npm start` and
 * `npm run cli`; scripts/build-*.ts stamp what they build with it).
 *
 * A build records what it read in dist/<name>.stamp (beside the folder it fills): the files esbuild bundled (its metafile) and the files it
 * copied, with one SHA-256 over their contents plus package.json, the lockfile, tsconfig.json, this file and
 * the build script. The next call hashes the same files again; the same fingerprint means the build is
 * current. Contents, not modification times: a checkout, a `touch` or a copy that keeps the bytes rebuilds
 * nothing, and an edit is never missed because a clock or a file system rounded a time.
 *
 * Plain JavaScript on purpose: it runs before every `npm start` and `npm run cli`, and compiling TypeScript to
 * find out that nothing needs compiling was the wait this replaces.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..');

/** Files every build depends on besides its own inputs, relative to the root. */
export const alwaysHashed = ['package.json', 'package-lock.json', 'tsconfig.json'];

/**
 * Beside the build, not in it: dist/addin is served as it is. Every build into a folder removes its stamp
 * first (scripts/build-node.ts, build-addin.ts), so a stamp never vouches for a build made from other files.
 * @param {string} output
 */
export function stampPath(output) {
  return `${output}.stamp`;
}

/**
 * Root-relative, sorted, without packages (the lockfile stands for them) or esbuild's virtual modules.
 * @param {string} root @param {Iterable<string>} files
 */
export function sourceList(root, files) {
  const out = new Set();
  for (const file of files) {
    if (file.includes(':') && !isAbsolute(file)) continue; // esbuild namespaces, e.g. "(disabled):fs"
    const abs = resolve(root, file);
    if (abs.split(sep).includes('node_modules')) continue;
    out.add(relative(root, abs).split(sep).join('/'));
  }
  return [...out].sort();
}

/**
 * One SHA-256 over each file's path and bytes; a file that is gone counts as changed (null).
 * @param {string} root @param {string[]} files
 */
export function fingerprint(root, files) {
  const hash = createHash('sha256');
  for (const file of [...new Set(files)].sort()) {
    let bytes;
    try {
      bytes = readFileSync(join(root, file));
    } catch {
      return null;
    }
    hash.update(`${file}\0${bytes.length}\0`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}

/**
 * Whether `output` was built from the files as they are now.
 * @param {string} root @param {string} output the built folder or file
 */
export function isCurrent(root, output) {
  if (!existsSync(output)) return false;
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(stampPath(output), 'utf8'));
  } catch {
    return false;
  }
  if (!Array.isArray(stamp?.files) || typeof stamp.fingerprint !== 'string') return false;
  return fingerprint(root, stamp.files) === stamp.fingerprint;
}

/**
 * Runs `build` unless `output` is current; returns whether it built.
 * @param {{ root: string, output: string, build: () => Promise<string[]>, extra?: string[] }} target
 *   build fills `output` and returns the files it read (absolute or root-relative); extra: more files the
 *   build depends on.
 */
export async function ensureBuilt({ root, output, build, extra = [] }) {
  if (isCurrent(root, output)) return false;
  const files = sourceList(root, [...(await build()), ...extra, ...alwaysHashed.filter((f) => existsSync(join(root, f)))]);
  const print = fingerprint(root, files);
  if (print === null) throw new Error(`the build of ${relative(root, output)} read a file that is gone: ${files.find((f) => !existsSync(join(root, f)))}`);
  const stamp = stampPath(output);
  mkdirSync(dirname(stamp), { recursive: true });
  // Written whole or not at all: a reader never sees half a stamp.
  writeFileSync(`${stamp}.${process.pid}`, `${JSON.stringify({ fingerprint: print, files }, null, 1)}\n`);
  renameSync(`${stamp}.${process.pid}`, stamp);
  return true;
}

/** What `npm start` and `npm run cli` build: the build script (and the scripts it uses), the folder it fills. */
export const targets = {
  addin: { script: 'build-addin.ts', uses: [], output: 'dist/addin', label: 'the task pane' },
  server: { script: 'build-server.ts', uses: ['build-node.ts'], output: 'dist/server', label: 'the service' },
  cli: { script: 'build-cli.ts', uses: ['build-node.ts'], output: 'dist/cli', label: 'the CLI' },
};

/** @param {keyof typeof targets} name */
function paths(name) {
  const target = targets[name];
  return {
    output: join(repoRoot, target.output),
    extra: [fileURLToPath(import.meta.url), ...[target.script, ...target.uses].map((script) => join(here, script))],
  };
}

/** @param {keyof typeof targets} name */
export function isTargetCurrent(name) {
  return isCurrent(repoRoot, paths(name).output);
}

/**
 * Builds dist/<name> with `build` (the build script's own) unless it is current, and stamps it.
 * @param {keyof typeof targets} name
 * @param {() => Promise<{ inputs: string[] }>} build
 */
export async function ensureTarget(name, build) {
  return ensureBuilt({
    root: repoRoot,
    ...paths(name),
    build: async () => {
      process.stderr.write(`Building ${targets[name].label} (its sources changed since the last build)…\n`);
      return (await build()).inputs;
    },
  });
}
