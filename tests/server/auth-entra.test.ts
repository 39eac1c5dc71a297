/** Microsoft 365 single sign-on: Entra ID access tokens verified against a key set made here. */
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { createAuth, roleFromClaim } from '../../server/auth';
import { openDatabase, type Database } from '../../server/db/connect';

const issuer = 'https://login.microsoftonline.com/00000000-0000-0000-0000-00000000abcd/v2.0';
const audience = 'api://partnerskab';

describe('Entra ID access tokens', () => {
  let database: Database;
  let app: ReturnType<typeof createApp>;
  let sign: (claims: Record<string, unknown>, opts?: { aud?: string; iss?: string; exp?: string | number; key?: 'own' | 'stranger' }) => Promise<string>;

  beforeAll(async () => {
    const own = await generateKeyPair('RS256');
    const stranger = await generateKeyPair('RS256');
    const jwk: JWK = { ...(await exportJWK(own.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    database = await openDatabase({ kind: 'pglite', dataDir: null });
    const auth = createAuth({ db: database.db, entra: { issuer, audience, keys: createLocalJWKSet({ keys: [jwk] }) } });
    app = createApp({ db: database.db, database, auth, clock: () => new Date() });
    sign = (claims, opts = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(opts.iss ?? issuer)
        .setAudience(opts.aud ?? audience)
        .setIssuedAt()
        .setExpirationTime(opts.exp ?? '10m')
        .sign(opts.key === 'stranger' ? stranger.privateKey : own.privateKey);
  });
  afterAll(async () => {
    await database?.close();
  });

  const get = (path: string, token: string) => app.request(path, { headers: { authorization: `Bearer ${token}` } });

  it('accepts a valid token and takes the role from the roles claim', async () => {
    const reader = await sign({ roles: ['Partnerskab.Reader'], preferred_username: 'konsulent@kk.dk' });
    expect((await get('/api/snapshots', reader)).status).toBe(200);
    expect((await get('/api/tokens', reader)).status).toBe(403);
    const admin = await sign({ roles: ['Partnerskab.Reader', 'Partnerskab.Admin'] });
    expect((await get('/api/tokens', admin)).status).toBe(200);
  });

  it('refuses a wrong audience, a wrong issuer, an expired token and a foreign signature with 401', async () => {
    const cases = [
      await sign({ roles: ['Admin'] }, { aud: 'api://other' }),
      await sign({ roles: ['Admin'] }, { iss: 'https://evil.example/v2.0' }),
      await sign({ roles: ['Admin'] }, { exp: Math.floor(Date.now() / 1000) - 600 }),
      await sign({ roles: ['Admin'] }, { key: 'stranger' }),
    ];
    for (const token of cases) {
      const res = await get('/api/snapshots', token);
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe('unauthorised');
    }
  });

  it('answers 403 when a valid token carries no Partnerskab role', async () => {
    const res = await get('/api/snapshots', await sign({ roles: ['Something.Else'] }));
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(/roles/);
  });

  it('reads roles as Entra ID writes them, the highest one winning', () => {
    expect(roleFromClaim(['Partnerskab.Editor'])).toBe('editor');
    expect(roleFromClaim(['reader', 'Partnerskab.Admin'])).toBe('admin');
    expect(roleFromClaim('Editor Reader')).toBe('editor');
    expect(roleFromClaim(['Owner'])).toBeNull();
    expect(roleFromClaim(undefined)).toBeNull();
  });
});
