/** What every part of the bench measures with: medians, timed processes, a process's memory, the rows. */
import { spawn, type SpawnOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Wait } from './types';

export const benchDir = dirname(fileURLToPath(import.meta.url));
export const repoRoot = join(benchDir, '..');

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Two significant decimals below 10, one below 100, none above: the table stays readable. */
export function round(n: number): number {
  const digits = Math.abs(n) < 10 ? 2 : Math.abs(n) < 100 ? 1 : 0;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** A wait against its floor, with a target on the ratio. */
export function ratioWait(w: { part: string; wait: string; ms: number[]; floor: string; floorMs: number[]; maxRatio: number | null }): Wait {
  const value = median(w.ms);
  const floorValue = median(w.floorMs);
  const ratio = value / floorValue;
  return {
    part: w.part, wait: w.wait, value: round(value), unit: 'ms', floor: w.floor, floorValue: round(floorValue), ratio: round(ratio),
    target: w.maxRatio === null ? '(none set)' : `≤ ${w.maxRatio}× floor`, met: w.maxRatio === null ? null : ratio <= w.maxRatio, runs: w.ms.length,
  };
}

/** A figure against an absolute target (at most or at least a limit), or with none: shown for information, never missed. */
export function absoluteWait(
  w: { part: string; wait: string; value: number; unit: Wait['unit']; runs: number | null; floor?: string; floorValue?: number } & ({ target: string; met: boolean } | { target?: never; met?: never }),
): Wait {
  return {
    part: w.part, wait: w.wait, value: round(w.value), unit: w.unit, floor: w.floor ?? null, floorValue: w.floorValue === undefined ? null : round(w.floorValue),
    ratio: w.floorValue === undefined ? null : round(w.value / w.floorValue), target: w.target ?? '(none set)', met: w.met ?? null, runs: w.runs,
  };
}

/** Runs a command to its end; its wall time in ms, and its exit code. Output is kept only to explain a failure. */
export function timeCommand(command: string, args: string[], options: SpawnOptions = {}): Promise<{ ms: number; code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let output = '';
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - start, code, output }));
  });
}

/**
 * `runs` repetitions of each command, taking turns (a, b, a, b, …) after one untimed run of each, so that the
 * load other processes put on this shared machine falls on both alike.
 */
export async function alternate(runs: number, commands: Array<() => Promise<number>>): Promise<number[][]> {
  for (const c of commands) await c();
  const times = commands.map(() => [] as number[]);
  for (let r = 0; r < runs; r++) for (const [i, c] of commands.entries()) times[i].push(await c());
  return times;
}

/** Resident memory of a process in MB, from /proc (0 once it has gone). */
export function rssMb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** CPU time a process has used, in ms (user + system from /proc, 10 ms ticks): steadier than wall time on a busy machine. */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The highest resident memory of a process while `work` runs, sampled every 10 ms. */
export async function peakRssWhile<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; baseMb: number; peakMb: number }> {
  const baseMb = rssMb(pid);
  let peakMb = baseMb;
  const timer = setInterval(() => (peakMb = Math.max(peakMb, rssMb(pid))), 10);
  try {
    const result = await work();
    return { result, baseMb, peakMb: Math.max(peakMb, rssMb(pid)) };
  } finally {
    clearInterval(timer);
  }
}

/** Where a part is, on stderr: a run takes minutes and prints its table only at the end. */
export const progress = (part: string, line: string) => process.stderr.write(`bench ${part}: ${line}\n`);
