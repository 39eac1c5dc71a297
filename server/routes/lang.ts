/**
 * The language an answer's messages are in: `?lang=da|en` when the request gives it, else the first of Danish
 * and English in `Accept-Language` by its weights, else Danish. Codes never change with the language.
 */
import type { MiddlewareHandler } from 'hono';
import type { Lang } from '../../shared/schemas';
import { messages } from '../messages';
import type { AppEnv } from './env';

/** "da", "da-DK", "EN-gb" → the language; anything else → null. */
export function langOfTag(tag: string): Lang | null {
  const primary = tag.trim().toLowerCase().split(/[-_]/, 1)[0];
  return primary === 'da' || primary === 'en' ? primary : null;
}

/** The caller's preferred language of the two, by `Accept-Language` (RFC 9110 weights), or null. */
export function langOfAcceptLanguage(header: string | undefined): Lang | null {
  if (!header) return null;
  let best: { lang: Lang; q: number } | null = null;
  for (const part of header.split(',').slice(0, 50)) {
    const [tag, ...params] = part.split(';');
    const lang = langOfTag(tag);
    if (!lang) continue;
    const qParam = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
    const q = qParam === undefined ? 1 : Number(qParam);
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { lang, q };
  }
  return best?.lang ?? null;
}

/**
 * Sets `lang` for everything after it (routes, the auth middleware, not-found and error answers). A `?lang=`
 * that names neither language is refused, in the Accept-Language language, rather than quietly ignored.
 */
export function chooseLang(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const fromHeader = langOfAcceptLanguage(c.req.header('accept-language')) ?? 'da';
    const asked = c.req.query('lang');
    const lang = asked === undefined ? fromHeader : langOfTag(asked);
    c.set('lang', lang ?? fromHeader);
    // Only the API refuses a ?lang= it does not know; the pane's files ignore it.
    if (lang === null && c.req.path.startsWith('/api/')) {
      const issue = { path: 'lang', message: messages.field.langValue[fromHeader]() };
      return c.json({ error: { code: 'invalid-query', message: messages.invalidRequest[fromHeader]('query', issue), issues: [issue] } }, 400);
    }
    await next();
  };
}
