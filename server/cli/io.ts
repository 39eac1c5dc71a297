import type { Lang } from '../../shared/schemas';
import type { CliWords } from './words';

/** Where a command writes, so tests can run commands in-process and read what they printed. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

/** A usage mistake or a refusal: the command prints the one-line message (already in the user's language) and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** What every command gets: where to print, the user's language and its words, and the environment. */
export interface CliContext {
  io: CliIo;
  lang: Lang;
  w: CliWords;
  env: NodeJS.ProcessEnv;
}
