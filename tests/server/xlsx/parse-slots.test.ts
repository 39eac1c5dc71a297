import { describe, expect, it } from 'vitest';
import { slots } from '../../../server/xlsx/parse-slots';

/** A task that records when it runs and ends when told to. */
function gate() {
  let open!: () => void;
  let fail!: (e: Error) => void;
  const done = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { done, open, fail };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('slots', () => {
  it('runs at most n tasks at once, the others in arrival order as slots free up, failed ones too', async () => {
    const run = slots(2);
    const gates = Array.from({ length: 5 }, gate);
    const started: number[] = [];
    let running = 0;
    let most = 0;
    const results = gates.map((g, i) =>
      run(async () => {
        started.push(i);
        most = Math.max(most, ++running);
        try {
          await g.done;
          return i;
        } finally {
          running--;
        }
      }).catch((e: Error) => e.message),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    gates[1].fail(new Error('unreadable'));
    await tick();
    expect(started).toEqual([0, 1, 2]);
    gates[0].open();
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    for (const g of gates.slice(2)) g.open();
    expect(await Promise.all(results)).toEqual([0, 'unreadable', 2, 3, 4]);
    expect(most).toBe(2);
  });
});
