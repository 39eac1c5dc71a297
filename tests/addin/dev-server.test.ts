import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { passThrough } from '../../scripts/dev-server';
import { freePort } from '../support/service-process';

const servers: Server[] = [];
function listen(server: Server, port = 0): Promise<string> {
  servers.push(server);
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`)));
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

describe('dev-server pass-through (the HTTPS front of `npm run sideload`)', () => {
  it('forwards method, path, headers and body, and streams status, headers and body back', async () => {
    const backend = await listen(
      createServer((req, res) => {
        let body = '';
        req.on('data', (d) => (body += d));
        req.on('end', () => {
          res.writeHead(201, { 'Content-Type': 'application/json', 'X-Seen-Auth': String(req.headers.authorization) });
          res.end(JSON.stringify({ method: req.method, path: req.url, body }));
        });
      }),
    );
    const front = await listen(createServer(passThrough(new URL(backend))));
    const response = await fetch(`${front}/api/snapshots?year=2025`, { method: 'POST', headers: { Authorization: 'Bearer t' }, body: '{"a":1}' });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-seen-auth')).toBe('Bearer t');
    expect(await response.json()).toEqual({ method: 'POST', path: '/api/snapshots?year=2025', body: '{"a":1}' });
  });

  it('answers 502 with the reason when the service is down', async () => {
    const closed = await freePort();
    const front = await listen(createServer(passThrough(new URL(`http://127.0.0.1:${closed}`))));
    const response = await fetch(`${front}/addin/taskpane.html`);
    expect(response.status).toBe(502);
    expect(await response.text()).toContain('did not answer');
  });
});
