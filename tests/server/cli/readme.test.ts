import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../../shared/index';
import { repoRoot, runCli } from './run-cli';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

describe('README', () => {
  it('lists every rule of the catalogue with its severity', () => {
    for (const rule of catalogue) {
      expect(readme, rule.code).toMatch(new RegExp(`^\\| \`${rule.code}\` \\| ${rule.severity} \\|`, 'm'));
    }
  });

  it('shows the real output of validate on the staff-style sample', async () => {
    const { code, stdout } = await runCli(['validate', join(repoRoot, 'samples/budget-staff-style.xlsx')]);
    // The staff's =SUM total is short (Excel skips the text amounts): errors, exit code 1.
    expect(code).toBe(1);
    expect(
      readme.includes(stdout.trimEnd()),
      'README.md shows stale CLI output: paste what `npm run --silent cli -- validate samples/budget-staff-style.xlsx` prints now',
    ).toBe(true);
  });
});
