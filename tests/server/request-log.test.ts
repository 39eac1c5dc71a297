/** The request log: one line per request with method, path, status and time, never the query or a token. */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { requestLog } from '../../server/request-log';

describe('requestLog', () => {
  it('writes one line per request, after the answer, without the query string', async () => {
    const lines: string[] = [];
    const app = new Hono();
    app.use(requestLog((line) => lines.push(line)));
    app.get('/api/years/:year/districts', (c) => c.json({ ok: true }));
    app.post('/api/snapshots', (c) => c.json({ error: 'no' }, 422));
    await app.request('/api/years/2025/districts?token=pks_secret', { headers: { authorization: 'Bearer pks_secret' } });
    await app.request('/api/snapshots', { method: 'POST', body: '{"sheets":[]}' });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^GET \/api\/years\/2025\/districts 200 \d+\.\dms$/);
    expect(lines[1]).toMatch(/^POST \/api\/snapshots 422 \d+\.\dms$/);
    expect(lines.join('\n')).not.toContain('pks_secret');
  });
});
