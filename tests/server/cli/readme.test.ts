import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../../shared/index';
import { brokenWorkbooks } from './broken-workbooks';
import { npmRunCli, repoRoot, runCli } from './run-cli';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

describe('README', () => {
  it('lists every rule of the catalogue with its severity', () => {
    for (const rule of catalogue) {
      expect(readme, rule.code).toMatch(new RegExp(`^\\| \`${rule.code}\` \\| ${rule.severity} \\|`, 'm'));
    }
  });

  it('shows the real output of validate on the staff-style sample, run as the README types it', async () => {
    const { code, stdout, stderr } = await npmRunCli(['validate', 'samples/budget-staff-style.xlsx']);
    expect(stderr).toBe('');
    // The staff's =SUM total is short (Excel skips the text amounts): errors, exit code 1.
    expect(code).toBe(1);
    expect(
      readme.includes(stdout.trimEnd()),
      'README.md shows stale CLI output: paste what `npm run --silent cli -- validate samples/budget-staff-style.xlsx` prints now',
    ).toBe(true);
  });

  it("shows the JSON of validate as it is today: the excerpt's counts, finding and district are the real output's", async () => {
    const block = /```json\n([\s\S]*?)\n```/.exec(readme.slice(readme.indexOf('--format json')))![1];
    const dir = mkdtempSync(join(tmpdir(), 'readme-json-'));
    try {
      const broken = brokenWorkbooks().find((b) => b.name === 'every-rule-broken')!;
      const file = join(dir, 'every-rule-broken.xlsx');
      await broken.workbook.xlsx.writeFile(file);
      const { stdout } = await runCli(['validate', file, '--format', 'json', '--lang', 'en']);
      const real = JSON.parse(stdout) as { counts: unknown; model: string; year: number; issues: Array<{ code: string; cell: string }>; summary: { districts: unknown[]; total: { associations: number } } };
      // The excerpt leaves parts out with "…": compare the parts it shows, each parsed on its own.
      const part = (re: RegExp) => JSON.parse(re.exec(block)![1]) as unknown;
      expect(part(/"counts": (\{[^}]*\})/), 'README JSON excerpt: counts').toEqual(real.counts);
      expect(part(/"model": ("[^"]*")/)).toBe(real.model);
      const shown = part(/"issues": \[\s*(\{[\s\S]*?\})\s*\]/) as { code: string; cell: string };
      expect(shown, 'README JSON excerpt: the finding').toEqual(real.issues.find((i) => i.code === shown.code && i.cell === shown.cell));
      expect(part(/"districts": \[\s*(\{[\s\S]*?\})\s*\]/), 'README JSON excerpt: the district').toEqual(real.summary.districts[0]);
      expect(Number(/"total": \{ "associations": (\d+)/.exec(block)![1])).toBe(real.summary.total.associations);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
