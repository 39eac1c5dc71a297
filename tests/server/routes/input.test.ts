/**
 * limitBody over real HTTP, as @hono/node-server hands requests to the app: a declared Content-Length is
 * judged from the header, a chunked body is counted as it arrives, and under the limit the handler reads
 * the whole body either way.
 */
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limitBody } from '../../../server/routes/input';

let server: ServerType;
let port: number;

beforeAll(async () => {
  const app = new Hono();
  app.post('/echo', limitBody(100), async (c) => c.json({ text: await c.req.text() }));
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** POST /echo with the body in `chunks`: with a Content-Length when `declared`, else chunked. */
function post(chunks: string[], declared: boolean): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const length = chunks.reduce((n, c) => n + Buffer.byteLength(c), 0);
    const req = httpRequest(
      { port, host: '127.0.0.1', method: 'POST', path: '/echo', headers: declared ? { 'content-length': String(length) } : { 'transfer-encoding': 'chunked' } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      },
    );
    req.on('error', reject);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

describe('limitBody', () => {
  it('passes a declared body under the limit through whole', async () => {
    const r = await post(['a'.repeat(60), 'b'.repeat(40)], true);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).text).toBe('a'.repeat(60) + 'b'.repeat(40));
  });

  it('answers 413 with the JSON error for a declared length over the limit', async () => {
    const r = await post(['x'.repeat(101)], true);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error.code).toBe('payload-too-large');
  });

  it('counts a chunked body: under the limit it passes whole, over it 413', async () => {
    const under = await post(['a'.repeat(50), 'b'.repeat(50)], false);
    expect(under.status).toBe(200);
    expect(JSON.parse(under.body).text).toBe('a'.repeat(50) + 'b'.repeat(50));
    const over = await post(['a'.repeat(60), 'b'.repeat(60)], false);
    expect(over.status).toBe(413);
    expect(JSON.parse(over.body).error.code).toBe('payload-too-large');
  });
});
