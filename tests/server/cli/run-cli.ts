import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../../server/cli';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment without the caller's locale, so the CLI speaks its default (Danish) unless a test sets LANG. */
function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { LANG: _l, LC_ALL: _a, LC_MESSAGES: _m, ...rest } = process.env;
  return { ...rest, ...extra };
}

/** A program with these arguments, from the repo root, its output captured. */
function spawnCaptured(program: string, argv: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(program, argv, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

/** Node with these arguments, from the repo root, its output captured. */
export function spawnNode(argv: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return spawnCaptured(process.execPath, argv, env);
}

/**
 * The CLI a user runs, in a process of its own from the repo root: dist/cli/cli.mjs with plain Node, as
 * `npm run cli` starts it (vitest's globalSetup, tests/support/build-programs.ts, built it from this checkout).
 */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return spawnNode([join(repoRoot, 'dist/cli/cli.mjs'), ...args], cleanEnv(env));
}

/** The CLI exactly as the README has users type it: `npm run --silent cli -- …`, from the repo root. */
export function npmRunCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return spawnCaptured('npm', ['run', '--silent', 'cli', '--', ...args], cleanEnv(env));
}

/** The CLI's main function in this process, with its output captured. */
export async function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { out: (t) => (stdout += t.endsWith('\n') ? t : `${t}\n`), err: (t) => (stderr += t.endsWith('\n') ? t : `${t}\n`) }, env);
  return { code, stdout, stderr };
}

export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'partnerskab-cli-'));
}
