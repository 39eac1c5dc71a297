/**
 * The options of one command, parsed here rather than by node:util's parseArgs, whose errors are English
 * paragraphs ("Unknown option '--help'. To specify a positional argument starting with a '-'…"): every
 * wrong argument becomes one line in the user's language.
 */
import { UsageError } from './io';
import type { CliWords } from './words';

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** What follows a string option, for "--year must be followed by a year (YYYY)". */
  value?: keyof CliWords['value'];
  short?: string;
}

export type OptionValues<S extends Record<string, OptionSpec>> = {
  [K in keyof S]?: S[K]['type'] extends 'string' ? string : boolean;
};

export interface ParsedArgs<S extends Record<string, OptionSpec>> {
  values: OptionValues<S>;
  positionals: string[];
  /** -h or --help was given (anywhere, so `validate x --bogus --help` still shows the help). */
  help: boolean;
}

export function parseCommandArgs<S extends Record<string, OptionSpec>>(command: string, args: readonly string[], spec: S, w: CliWords): ParsedArgs<S> {
  const values: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  const before = args.indexOf('--');
  const optionArgs = before < 0 ? args : args.slice(0, before);
  const help = optionArgs.some((a) => a === '--help' || a === '-h');
  if (help) return { values: {} as OptionValues<S>, positionals: [], help };
  const byShort = new Map(Object.entries(spec).filter(([, s]) => s.short).map(([name, s]) => [s.short!, name]));

  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      positionals.push(a);
      continue;
    }
    let name: string | undefined;
    let inline: string | undefined;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      inline = eq < 0 ? undefined : a.slice(eq + 1);
    } else if (a.length === 2) {
      name = byShort.get(a[1]);
    }
    const shown = a.split('=', 1)[0];
    if (name === undefined || !Object.hasOwn(spec, name)) throw new UsageError(w.unknownOption(command, shown));
    if (Object.hasOwn(values, name)) throw new UsageError(w.repeated(command, `--${name}`));
    const s = spec[name];
    if (s.type === 'boolean') {
      if (inline !== undefined) throw new UsageError(w.noValueAllowed(command, `--${name}`));
      values[name] = true;
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = args[i + 1];
      // "--year --out x.xlsx": the year is missing, not "--out".
      if (next !== undefined && !(next.startsWith('-') && next.length > 1)) {
        value = next;
        i++;
      }
    }
    if (value === undefined || value === '') throw new UsageError(w.missingValue(command, `--${name}`, w.value[s.value ?? 'text']));
    values[name] = value;
  }
  return { values: values as OptionValues<S>, positionals, help };
}
