/**
 * The CLI's language: `--lang da|en` wherever it stands, else an English locale in the environment
 * (LC_ALL, LC_MESSAGES, LANG — the order the C library reads them), else Danish.
 */
import type { Lang } from '../../shared/schemas';

export function languageFromEnv(env: NodeJS.ProcessEnv): Lang {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].map((v) => v?.trim()).find((v) => v);
  return locale && /^en([_.@-]|$)/i.test(locale) ? 'en' : 'da';
}

export interface LangChoice {
  lang: Lang;
  /** The arguments without `--lang X`. */
  args: string[];
  /** What `--lang` was given when it is neither da nor en (or nothing followed it: ''). */
  invalid: string | null;
}

/** Takes `--lang X` / `--lang=X` out of the arguments (not after `--`), so every command accepts it. */
export function chooseLanguage(argv: readonly string[], env: NodeJS.ProcessEnv): LangChoice {
  let lang = languageFromEnv(env);
  let invalid: string | null = null;
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      args.push(...argv.slice(i));
      break;
    }
    let value: string | undefined;
    if (a === '--lang') value = argv[++i] ?? '';
    else if (a.startsWith('--lang=')) value = a.slice('--lang='.length);
    else {
      args.push(a);
      continue;
    }
    const v = value.trim().toLowerCase();
    if (v === 'da' || v === 'en') lang = v;
    else invalid = value;
  }
  return { lang, args, invalid };
}
