/**
 * The real snapshot service as a child process: dist/server/main.mjs with plain Node, as `npm start` runs it
 * (vitest's globalSetup, tests/support/build-programs.ts, built it from this checkout), PGlite in a temporary
 * DATA_DIR, a free loopback port. For tests that need it over HTTP. Tokens: the one-time admin token the
 * service prints on a fresh data dir, and editor tokens made with it over the API.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface RunningService {
  url: string;
  adminToken: string;
  /** A new editor token named `name`. */
  editorToken(name: string): Promise<string>;
  /** GET a JSON API path with a token. */
  get<T>(path: string, token: string): Promise<T>;
  post<T>(path: string, token: string, body: unknown): Promise<{ status: number; json: T }>;
  stop(): Promise<void>;
  output(): string;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startService(timeoutMs = 300_000): Promise<RunningService> {
  const dataDir = mkdtempSync(join(tmpdir(), 'partnerskab-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [join(root, 'dist', 'server', 'main.mjs')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, PUBLIC_URL: url, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`the service did not answer /api/health within ${timeoutMs} ms:\n${output}`);
    }
    const healthy = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (healthy) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const match = /one-time admin token[^\n]*\n\s*\n\s*(\S+)/.exec(output);
  if (!match) throw new Error(`no admin token in the service's start-up output:\n${output}`);
  const adminToken = match[1];

  const request = async <T>(method: string, path: string, token: string, body?: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as T };
  };

  return {
    url,
    adminToken,
    async editorToken(name) {
      const { status, json } = await request<{ token: string }>('POST', '/api/tokens', adminToken, { name, role: 'editor' });
      if (status !== 201) throw new Error(`token ${name}: HTTP ${status} ${JSON.stringify(json)}`);
      return json.token;
    },
    async get<T>(path: string, token: string) {
      const { status, json } = await request<T>('GET', path, token);
      if (status !== 200) throw new Error(`GET ${path}: HTTP ${status} ${JSON.stringify(json)}`);
      return json;
    },
    post: (path, token, body) => request('POST', path, token, body),
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 8_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
