/**
 * Builds what is named unless it is current (scripts/build-stamp.mjs), then runs the program after --run in
 * this same process, with the arguments after it:
 *
 *   node scripts/when-changed.mjs addin server --run dist/server/main.mjs        (npm start)
 *   node scripts/when-changed.mjs cli --run dist/cli/cli.mjs validate …           (npm run cli -- validate …)
 *
 * One process, not `check && node program`: a second Node start-up was a third of what `--help` cost.
 * A build that is due runs as its own process (`node --import tsx scripts/build-<name>.ts`), so the program
 * never runs with tsx's hooks or esbuild loaded.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isTargetCurrent, repoRoot, targets } from './build-stamp.mjs';

const args = process.argv.slice(2);
const at = args.indexOf('--run');
const names = at < 0 ? args : args.slice(0, at);
const program = at < 0 ? undefined : args[at + 1];
const unknown = names.filter((n) => !(n in targets));
if (unknown.length > 0 || (at >= 0 && !program)) {
  process.stderr.write(`usage: node scripts/when-changed.mjs ${Object.keys(targets).join('|')} … [--run FILE [ARGS…]]${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}\n`);
  process.exit(2);
}

for (const name of names) {
  if (isTargetCurrent(/** @type {keyof typeof targets} */ (name))) continue;
  const script = join(repoRoot, 'scripts', targets[/** @type {keyof typeof targets} */ (name)].script);
  const built = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: repoRoot, stdio: ['ignore', process.stderr, 'inherit'] });
  if (built.status !== 0) {
    process.stderr.write(`The build of ${targets[/** @type {keyof typeof targets} */ (name)].label} failed (${built.error?.message ?? `exit ${built.status ?? built.signal}`}); see above.\n`);
    process.exit(1);
  }
}

if (program) {
  // The program sees itself as the one started (the CLI checks process.argv[1] to know it is the entry).
  const file = resolve(repoRoot, program);
  process.argv = [process.argv[0], file, ...args.slice(at + 2)];
  await import(pathToFileURL(file).href);
}
