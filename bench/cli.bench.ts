/**
 * The command line as a person types it, `npm run --silent cli -- …`, against the floor of the same work:
 * validate and template against a bare node process that loads exceljs and reads the same file
 * (bench/floors/read-xlsx.mjs), --help against `npm --version` (npm's own start-up, which every npm run pays).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alternate, benchDir, progress, ratioWait, timeCommand } from './measure';
import type { PartResult } from './types';

const runs = 7;
const sample = 'samples/partnerskab-2025.xlsx';

/** The time of one run of a command that must succeed (exit 0, or 1 for a report with errors where allowed). */
function timed(command: string, args: string[], okCodes = [0]): () => Promise<number> {
  return async () => {
    const { ms, code, output } = await timeCommand(command, args);
    if (!okCodes.includes(code ?? -1)) throw new Error(`bench cli: ${command} ${args.join(' ')} exited with ${code}: ${output}`);
    return ms;
  };
}

export async function run(): Promise<PartResult> {
  const out = mkdtempSync(join(tmpdir(), 'partnerskab-bench-cli-'));
  try {
    const cli = (...args: string[]) => ['run', '--silent', 'cli', '--', ...args];
    const bareRead = timed(process.execPath, [join(benchDir, 'floors', 'read-xlsx.mjs'), sample]);
    progress('cli', `validate, --help, template: ${runs} runs each, taking turns with their floors`);
    // The first, untimed run of each builds the CLI if its sources changed (scripts/when-changed.mjs).
    const [validate, read1] = await alternate(runs, [timed('npm', cli('validate', sample), [0, 1]), bareRead]);
    const [help, npmVersion] = await alternate(runs, [timed('npm', cli('--help')), timed('npm', ['--version'])]);
    const [template, read2] = await alternate(runs, [timed('npm', cli('template', '--out', join(out, 'skabelon-2025.xlsx'), '--force')), bareRead]);
    const part = 'cli';
    return {
      rows: [
        ratioWait({ part, wait: `cli validate ${sample}`, ms: validate, floor: 'node: load exceljs, read the file', floorMs: read1, maxRatio: 1.6 }),
        ratioWait({ part, wait: 'cli --help', ms: help, floor: 'npm --version', floorMs: npmVersion, maxRatio: 2.5 }),
        ratioWait({ part, wait: 'cli template --out … --force', ms: template, floor: 'node: load exceljs, read the file', floorMs: read2, maxRatio: 2.5 }),
      ],
      notes: [`each command as typed (npm run --silent cli -- …), ${runs} runs after one untimed run, taking turns with its floor; medians`],
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
