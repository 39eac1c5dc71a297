/** The request log writes each turn's lines together, in order, and all of them before the process exits. */
import { describe, expect, it } from 'vitest';
import { requestLog } from '../../server/request-log';

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('requestLog', () => {
  it('writes the lines of one turn of the event loop in one write, in order', async () => {
    const writes: string[] = [];
    const log = requestLog((text) => writes.push(text));
    log.log('GET /api/health 200 0.4ms');
    log.log('GET /api/years/2025/districts 200 0.9ms');
    expect(writes).toEqual([]);
    await turn();
    expect(writes).toEqual(['GET /api/health 200 0.4ms\nGET /api/years/2025/districts 200 0.9ms\n']);
    log.log('POST /api/snapshots 201 3.1ms');
    await turn();
    expect(writes.at(-1)).toBe('POST /api/snapshots 201 3.1ms\n');
    await turn();
    expect(writes).toHaveLength(2);
  });

  it('writes what is pending when flushed, and nothing twice', async () => {
    const writes: string[] = [];
    const log = requestLog((text) => writes.push(text));
    log.log('GET /api/health 200 0.4ms');
    log.flush();
    expect(writes).toEqual(['GET /api/health 200 0.4ms\n']);
    await turn();
    log.flush();
    expect(writes).toHaveLength(1);
  });
});
