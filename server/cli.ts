/**
 * `npm run cli -- <command>`: validate a workbook, write the empty template, manage service tokens.
 * Danish by default, English with --lang en or an English LANG. Every failure ends as one line on stderr
 * and an exit code, never a stack trace.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { processIo, UsageError, type CliContext, type CliIo } from './cli/io';
import { chooseLanguage, languageFromEnv } from './cli/lang';
import { wordsFor, type CliWords } from './cli/words';

const helpWords = new Set(['-h', '--help', 'help']);

export async function main(argv: string[], io: CliIo = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { lang, args, invalid } = chooseLanguage(argv, env);
  const w = wordsFor(lang);
  const ctx: CliContext = { io, lang, w, env };
  try {
    if (invalid !== null) throw new UsageError(w.badLang(invalid));
    const [command, ...rest] = args;
    if (command === 'help' && rest.length > 0) return await run(rest[0], ['--help'], ctx);
    if (command === undefined || helpWords.has(command)) {
      (command === undefined ? io.err : io.out)(w.help);
      return command === undefined ? 2 : 0;
    }
    return await run(command, rest, ctx);
  } catch (err) {
    io.err(oneLine(err, w));
    return 2;
  }
}

async function run(command: string, args: string[], ctx: CliContext): Promise<number> {
  switch (command) {
    case 'validate':
      return (await import('./cli/validate')).runValidateCommand(args, ctx);
    case 'template':
      return (await import('./cli/template')).runTemplateCommand(args, ctx);
    case 'token':
      // Loaded on demand, so validate and template work even where the database code cannot load.
      return (await import('./cli/token')).runTokenCommand(args, ctx);
    default:
      throw new UsageError(ctx.w.unknownCommand(command));
  }
}

function oneLine(err: unknown, w: CliWords): string {
  if (err instanceof UsageError) return err.message;
  // A bug of ours: one line that says so, with the error's own first line (never its stack) to report.
  const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return w.unexpected(detail.split('\n', 1)[0].slice(0, 200));
}

function isEntry(): boolean {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntry()) {
  // `validate … | head` closes the pipe early: that is the reader's choice, not an error to report.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`${oneLine(err, wordsFor(languageFromEnv(process.env)))}\n`);
      process.exitCode = 2;
    },
  );
}
