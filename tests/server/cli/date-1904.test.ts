/** Issue 12: the CLI, as a separate process, reads a 1904 workbook's År column (31-12-2025 dates) as 2025. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, spawnCli } from './run-cli';

const file = join(repoRoot, 'tests/fixtures/xlsx/openpyxl-1904-sample-2025.xlsx');

describe('validate on a workbook in the 1904 date system', () => {
  it('JSON: year 2025, the 2025 model, exit 0 and no grant-mismatch', async () => {
    const { code, stdout, stderr } = await spawnCli(['validate', file, '--format', 'json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { year: number; model: string; counts: { error: number }; issues: Array<{ code: string }> };
    expect(report).toMatchObject({ year: 2025, model: 'model-2025', counts: { error: 0 } });
    expect(report.issues.filter((i) => i.code === 'grant-mismatch')).toEqual([]);
  });

  it('text, in Danish: the first line names 2025 and the 2025 model', async () => {
    const { code, stdout } = await spawnCli(['validate', file]);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('openpyxl-1904-sample-2025.xlsx · 2025 (modellen fra 2025) · 0 fejl, 0 advarsler, 0 oplysninger');
  });
});
