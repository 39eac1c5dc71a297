/** The task pane, manifest and office.js served from the service's origin. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { createAuth } from '../../server/auth';
import { openDatabase, type Database } from '../../server/db/connect';
import { defaultStaticPaths, MANIFEST_ORIGIN } from '../../server/static';

const root = mkdtempSync(join(tmpdir(), 'partnerskab-static-'));
const repo = join(import.meta.dirname, '..', '..');

describe('static files', () => {
  let database: Database;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    mkdirSync(join(root, 'addin', 'assets'), { recursive: true });
    writeFileSync(join(root, 'addin', 'taskpane.html'), '<!doctype html><script src="/office-js/office.js"></script>');
    writeFileSync(join(root, 'addin', 'assets', 'icon-32.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    writeFileSync(join(root, 'secret.txt'), 'outside the pane');
    writeFileSync(join(root, 'manifest.xml'), `<SourceLocation DefaultValue="${MANIFEST_ORIGIN}/addin/taskpane.html"/><IconUrl DefaultValue="${MANIFEST_ORIGIN}/addin/assets/icon-32.png"/>`);
    database = await openDatabase({ kind: 'pglite', dataDir: null });
    app = createApp({
      db: database.db, database, auth: createAuth({ db: database.db }), clock: () => new Date(),
      staticPaths: { addinDir: join(root, 'addin'), manifestPath: join(root, 'manifest.xml'), officeJsDir: defaultStaticPaths(repo).officeJsDir },
      publicUrl: 'https://partnerskab.kk.dk/',
    });
  });
  afterAll(async () => {
    await database?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves the manifest with every occurrence of the development origin replaced by the public URL', async () => {
    const res = await app.request('/manifest.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/xml');
    const xml = await res.text();
    expect(xml).not.toContain(MANIFEST_ORIGIN);
    expect(xml.match(/https:\/\/partnerskab\.kk\.dk\/addin\//g)).toHaveLength(2);
  });

  it('serves the task pane and its assets with types and the frame rules Office needs', async () => {
    const html = await app.request('/addin/taskpane.html');
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = html.headers.get('content-security-policy')!;
    expect(csp).toMatch(/frame-ancestors [^;]*https:\/\/\*\.officeapps\.live\.com/);
    expect(csp).toContain("script-src 'self'");
    expect(html.headers.get('x-content-type-options')).toBe('nosniff');
    expect(html.headers.get('x-frame-options')).toBeNull();
    const png = await app.request('/addin/assets/icon-32.png');
    expect(png.headers.get('content-type')).toBe('image/png');
    expect((await app.request('/')).headers.get('location')).toBe('/addin/taskpane.html');
  });

  it('sends the pane\'s folder itself to the pane, with or without the slash', async () => {
    for (const path of ['/addin/', '/addin']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(302);
      expect(res.headers.get('location'), path).toBe('/addin/taskpane.html');
    }
  });

  it('serves office.js from the @microsoft/office-js package', async () => {
    const res = await app.request('/office-js/office.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await res.text()).toContain('Office');
  });

  it('never serves a file outside its directory, and answers missing files with 404 JSON', async () => {
    for (const path of ['/addin/../secret.txt', '/addin/%2e%2e/secret.txt', '/addin/%2e%2e%2fsecret.txt', '/addin/..%5csecret.txt', '/office-js/%2e%2e/%2e%2e/%2e%2e/package.json']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain('outside the pane');
    }
    const missing = await app.request('/addin/nothing.js');
    expect(missing.status).toBe(404);
    // The pane is built here: the answer gives its address, not the old "build the add-in" advice.
    expect((await missing.json()).error.message).toBe('Ruden har ingen fil /addin/nothing.js. Ruden åbnes på /addin/ (eller /addin/taskpane.html).');
    const english = await app.request('/addin/nothing.js', { headers: { 'Accept-Language': 'en' } });
    expect((await english.json()).error.message).toBe('The pane has no file /addin/nothing.js. The pane opens at /addin/ (or /addin/taskpane.html).');
    expect(JSON.stringify(await (await app.request('/addin/0101901234.js')).json())).not.toContain('0101901234');
  });

  it('a service whose pane is not built says how to build it, in Danish or English', async () => {
    const unbuilt = mkdtempSync(join(tmpdir(), 'partnerskab-unbuilt-'));
    try {
      const bare = createApp({
        db: database.db, database, auth: createAuth({ db: database.db }), clock: () => new Date(),
        staticPaths: { addinDir: join(unbuilt, 'addin'), manifestPath: join(root, 'manifest.xml'), officeJsDir: defaultStaticPaths(repo).officeJsDir },
      });
      const da = await bare.request('/addin/taskpane.html');
      expect(da.status).toBe(404);
      expect((await da.json()).error.message).toContain('Ruden er ikke bygget på denne tjeneste. Byg den med: npm run build:addin');
      const en = await bare.request('/addin/taskpane.html?lang=en');
      expect((await en.json()).error.message).toContain('The pane is not built on this service. Build it with: npm run build:addin');
    } finally {
      rmSync(unbuilt, { recursive: true, force: true });
    }
  });
});
