/**
 * zod's findings in the API's shape and the caller's language, for the routes and for a save's body checks
 * (server/save-check.ts); and the one text field every name, source and path parameter is read with, so that
 * hostile text (shared/text-safety.ts) and CPR numbers (shared/rules/personal-data.ts) are refused at the edge,
 * naming the field, before anything is stored or repeated.
 */
import { z } from 'zod';
import { textHasPersonalData } from '../shared/rules/personal-data';
import type { Lang } from '../shared/schemas';
import { textProblem, type TextProblem } from '../shared/text-safety';
import type { ApiIssue } from '../shared/wire';
import { messages } from './messages';

export type { ApiIssue };

const MAX_ISSUES = 50;

/**
 * A text field of a request: at most `max` characters, no control characters (tab, CR and LF allowed only
 * where `lines`), no broken or non-characters, nothing that looks like a CPR number. Its findings carry their
 * kind in `params`, worded by zodIssues in the caller's language.
 */
export function textField(max: number, opts: { min?: number; trim?: boolean; orId?: boolean } = {}) {
  const base = opts.trim ? z.string().trim() : z.string();
  return base.superRefine((s, ctx) => {
    if (s.length < (opts.min ?? 0)) {
      ctx.addIssue({ code: 'custom', message: 'text-empty', params: { text: 'empty' } });
      return;
    }
    const problem = textProblem(s, max);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: `text-${problem.kind}`, params: { text: 'problem', problem } });
      return;
    }
    // orId: the field may hold an id the service gave (a UUID), whose random digits are no one's CPR number.
    if (!(opts.orId && versionId.safeParse(s).success) && textHasPersonalData(s)) ctx.addIssue({ code: 'custom', message: 'text-personal-data', params: { text: 'personal-data' } });
  });
}

/**
 * A version's id, wherever a request names one (path, query, a save's basedOn), and the form of a token's id:
 * the UUID the service gave it, read by its format rather than as text. As text, about 1 in 500 random UUIDs holds nine or ten digits that
 * read as a CPR number, and the year's next save would be refused for it.
 */
export const versionId = z.uuid('msg:version-id');

const typeDa: Record<string, string> = {
  string: 'tekst', number: 'et tal', int: 'et helt tal', boolean: 'true eller false', array: 'en liste', object: 'et objekt',
  nothing: 'ingenting', 'a list': 'en liste', 'an object': 'et objekt', bigint: 'et tal',
};
const typeEn: Record<string, string> = {
  string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false', array: 'a list', object: 'an object',
};

const valueAt = (input: unknown, path: PropertyKey[]) =>
  path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), input);

/** Messages a schema names by key (`message: 'msg:…'`), for what zod's own codes cannot say. */
const keyed: Record<string, Record<Lang, string>> = {
  'msg:version-id': { da: "skal være id'et på en version (en UUID)", en: 'must be the id of a version (a UUID)' },
  'msg:cursor': { da: 'brug nextCursor fra den forrige side', en: 'use the nextCursor of the previous page' },
  'msg:from-after-to': { da: '"from" må ikke ligge efter "to"', en: '"from" must not be after "to"' },
  'msg:at-most-100-years': { da: 'spørg om højst 100 år ad gangen', en: 'ask for at most 100 years at a time' },
  'msg:too-many-cells': { da: 'arkene har tilsammen flere celler end tjenesten læser (5.000.000)', en: 'the sheets hold more cells together than the service reads (5,000,000)' },
};

type Issue = z.core.$ZodIssue;

function worded(issue: Issue, input: unknown, lang: Lang): string {
  const da = lang === 'da';
  const key = keyed[issue.message];
  if (key) return key[lang];
  switch (issue.code) {
    case 'custom': {
      const params = (issue.params ?? {}) as { text?: string; problem?: TextProblem; grid?: string; got?: string };
      if (params.text === 'problem' && params.problem) {
        const p = params.problem;
        if (p.kind === 'too-long') return da ? `har ${p.length.toLocaleString('da-DK')} tegn; højst ${p.max.toLocaleString('da-DK')} er tilladt` : `has ${p.length.toLocaleString('en-GB')} characters; at most ${p.max.toLocaleString('en-GB')} are allowed`;
        return messages.field.textProblem[lang](p);
      }
      if (params.text === 'personal-data') return messages.field.personalData[lang]();
      if (params.text === 'empty') return da ? 'må ikke være tom' : 'must not be empty';
      if (params.grid) {
        const got = da ? typeDa[params.got ?? ''] ?? params.got : params.got;
        if (params.grid === 'rows') return da ? `skal være en liste af rækker, ikke ${got}` : `must be a list of rows, not ${got}`;
        if (params.grid === 'row') return da ? `skal være en række (en liste af celler), ikke ${got}` : `must be a row (a list of cells), not ${got}`;
        return da ? `en celle er tekst, et tal, true/false eller null (tom), ikke ${got}` : `a cell is text, a number, true/false or null (empty), not ${got}`;
      }
      return issue.message;
    }
    case 'invalid_type': {
      if (valueAt(input, issue.path) === undefined) return da ? `mangler (skal være ${typeDa[issue.expected] ?? issue.expected})` : `is missing (must be ${typeEn[issue.expected] ?? issue.expected})`;
      return da ? `skal være ${typeDa[issue.expected] ?? issue.expected}` : `must be ${typeEn[issue.expected] ?? issue.expected}`;
    }
    case 'too_big': {
      const n = Number(issue.maximum).toLocaleString(da ? 'da-DK' : 'en-GB');
      if (issue.origin === 'string') return da ? `må højst have ${n} tegn` : `must have at most ${n} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return da ? `må højst have ${n} elementer` : `must have at most ${n} items`;
      return da ? `må højst være ${n}` : `must be at most ${n}`;
    }
    case 'too_small': {
      const n = Number(issue.minimum).toLocaleString(da ? 'da-DK' : 'en-GB');
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? (da ? 'må ikke være tom' : 'must not be empty') : da ? `skal have mindst ${n} tegn` : `must have at least ${n} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return da ? `skal have mindst ${n} ${Number(issue.minimum) === 1 ? 'element' : 'elementer'}` : `must have at least ${n} item${Number(issue.minimum) === 1 ? '' : 's'}`;
      return da ? `skal være mindst ${n}` : `must be at least ${n}`;
    }
    case 'invalid_format':
      if (issue.format === 'uuid') return keyed['msg:version-id'][lang];
      return da ? 'har ikke den rigtige form' : 'is not in the right form';
    case 'invalid_value': {
      const values = issue.values.map((v) => JSON.stringify(v)).join(', ');
      return da ? `skal være en af: ${values}` : `must be one of: ${values}`;
    }
    case 'invalid_union': {
      const options = issue.errors.flatMap((e) => e.map((i) => worded(i, undefined, lang).replace(/^(mangler \(skal være |is missing \(must be )(.*)\)$/, '$2')));
      return da ? `passer ikke: ${options.join('; eller ')}` : `does not fit: ${options.join('; or ')}`;
    }
    default:
      return da ? 'er ikke gyldig' : 'is not valid';
  }
}

/** zod's findings as `{ path: "sheets.0.values.3.1", message }` in the caller's language, so a client can point at the field. */
export function zodIssues(error: z.ZodError, lang: Lang, input?: unknown): ApiIssue[] {
  return error.issues.slice(0, MAX_ISSUES).map((i) => {
    const path = i.path.map(String).join('.') || '(body)';
    return { path, message: worded(i, input, lang) };
  });
}
