/**
 * Group commit. Saves of one year have to be decided one after another (the conflict check needs the year's
 * latest snapshot), so each used to wait for the previous one's whole transaction: about 12 ms each, some
 * 60 saves/s however many arrived. Work that arrives while a batch is being written now waits together and
 * goes into the next batch, decided and stored as one (server/db/snapshots.ts insertSnapshots).
 */

/**
 * Wraps `run` (one batch in, one result per item out, in order) so callers hand in single items. A batch
 * starts a turn of the event loop after the previous one ends, with everything that arrived meanwhile (at most
 * `maxBatch`).
 * When a batch fails, its items are retried one by one, so one bad item fails alone.
 */
export function batched<T, R>(run: (batch: T[]) => Promise<R[]>, maxBatch: number): (item: T) => Promise<R> {
  type Waiting = { item: T; resolve: (r: R) => void; reject: (e: unknown) => void };
  const queue: Waiting[] = [];
  let running = false;

  async function settle(batch: Waiting[]): Promise<void> {
    try {
      const results = await run(batch.map((w) => w.item));
      batch.forEach((w, i) => w.resolve(results[i]));
    } catch (error) {
      if (batch.length === 1) batch[0].reject(error);
      else for (const w of batch) await settle([w]);
    }
  }

  // One turn of the event loop before each batch lets requests that are already read reach the queue; on
  // PGlite, whose queries hold the event loop, they could not get in while the previous batch ran.
  const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

  async function drain(): Promise<void> {
    running = true;
    try {
      await nextTurn();
      while (queue.length) {
        await settle(queue.splice(0, maxBatch));
        await nextTurn();
      }
    } finally {
      running = false;
    }
  }

  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!running) void drain();
    });
}
