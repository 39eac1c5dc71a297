/**
 * `npm run cli -- <command>`: validate a workbook, write the empty template, manage service tokens.
 * Every failure ends as one line on stderr and an exit code, never a stack trace.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { processIo, UsageError, type CliIo } from './cli/io';
import { templateUsage, tokenUsage, validateUsage } from './cli/usage';

const help = `Partnerskab — Sociale partnerskaber, Københavns Kommune

Usage: npm run --silent cli -- <command> [options]

Commands:
  ${validateUsage}
      Check a budget/membership workbook against the programme's rules and print the findings and the
      totals per district. Exit code 0: no errors, 1: errors found, 2: the file could not be read.
  ${templateUsage}
      Write an empty workbook in the canonical layout (headers, drop-downs, DKK formats).
  ${tokenUsage}
      Manage the service's access tokens (on the database DATA_DIR or DATABASE_URL names).

Options:
  -h, --help   Show this help.`;

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.out(help);
        return command === undefined ? 2 : 0;
      case 'validate':
        return await (await import('./cli/validate')).runValidateCommand(args, io);
      case 'template':
        return await (await import('./cli/template')).runTemplateCommand(args, io);
      case 'token':
        // Loaded on demand, so validate and template work even where the database code cannot load.
        return await (await import('./cli/token')).runTokenCommand(args, io);
      default:
        throw new UsageError(`unknown command "${command}": use validate, template or token (see --help).`);
    }
  } catch (err) {
    io.err(oneLine(err));
    return 2;
  }
}

function oneLine(err: unknown): string {
  if (err instanceof UsageError) return err.message;
  // parseArgs reports unknown options with a code; its message is already one readable line.
  const e = err as { code?: string; message?: string };
  if (typeof e?.code === 'string' && e.code.startsWith('ERR_PARSE_ARGS')) return String(e.message).split('\n', 1)[0];
  return `unexpected error: ${(err instanceof Error ? err.message : String(err)).split('\n', 1)[0]}`;
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
      process.stderr.write(`${oneLine(err)}\n`);
      process.exitCode = 2;
    },
  );
}
