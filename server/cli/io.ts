/** Where a command writes, so tests can run commands in-process and read what they printed. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

/** A usage mistake: the command prints the one-line message and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** `--year` as a four-digit programme year. */
export function parseYearOption(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d{4}$/.test(raw.trim())) throw new UsageError(`--year must be a four-digit year such as 2025, not "${raw}".`);
  return Number(raw);
}
