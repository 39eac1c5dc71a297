import { describe, expect, it } from 'vitest';
import { batched } from '../../../server/db/save-batches';

describe('batched (group commit)', () => {
  it('hands what arrives together to one run, in arrival order, and each caller its own result', async () => {
    const runs: number[][] = [];
    const double = batched(async (batch: number[]) => {
      runs.push(batch);
      await new Promise((r) => setTimeout(r, 5));
      return batch.map((n) => n * 2);
    }, 4);
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map(double));
    expect(results).toEqual([2, 4, 6, 8, 10, 12]);
    // At most 4 per run; what waited goes into the next run.
    expect(runs).toEqual([[1, 2, 3, 4], [5, 6]]);
    expect(await double(7)).toBe(14);
    expect(runs.at(-1)).toEqual([7]);
  });

  it('retries a failed batch one by one, so only the bad item fails', async () => {
    const runs: string[][] = [];
    const upper = batched(async (batch: string[]) => {
      runs.push(batch);
      if (batch.includes('bad')) throw new Error(`cannot take ${batch.join(',')}`);
      return batch.map((s) => s.toUpperCase());
    }, 10);
    const settled = await Promise.allSettled(['a', 'bad', 'c'].map(upper));
    expect(settled[0]).toEqual({ status: 'fulfilled', value: 'A' });
    expect(settled[1]).toMatchObject({ status: 'rejected', reason: { message: 'cannot take bad' } });
    expect(settled[2]).toEqual({ status: 'fulfilled', value: 'C' });
    expect(runs).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
  });
});
