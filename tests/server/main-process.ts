/** The service as `npm start` runs it (dist/server/main.mjs with plain Node) as a child process on a free port. */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built service; vitest's globalSetup (tests/support/build-programs.ts) built it from this checkout. */
export const builtMain = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'server', 'main.mjs');

export interface MainProcess {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr. */
  output: () => string;
  /** Its URL, once it listens; rejects when it exits first. */
  ready: Promise<string>;
}

export function startMain(env: Record<string, string>): MainProcess {
  const child = spawn(process.execPath, [builtMain], {
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const m = /service on (http:\/\/[\d.]+:\d+)/.exec(text);
      if (m) resolve(m[1]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`the service exited with ${code}: ${text}`)));
  });
  // A test that stops early must not leave an unhandled rejection behind.
  ready.catch(() => {});
  return { child, output: () => text, ready };
}

/** SIGTERM, and resolves once it has exited. */
export function stopMain(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** The one-time admin token the service printed on a fresh database. */
export function adminToken(output: string): string | undefined {
  return /pks_[A-Za-z0-9_-]{43}/.exec(output)?.[0];
}
