/**
 * The caller's language: `?lang=da|en` when given, else the first of Danish and English in Accept-Language
 * by its q-values, else Danish. A `lang` the API does not speak is a 400 where the query schema names it.
 */
import type { Context } from 'hono';
import type { Lang } from '../../shared/schemas';

/** "en-GB,en;q=0.9,da;q=0.8" → 'en'; a language we do not speak, or q=0, is passed over. */
export function acceptedLang(header: string | undefined): Lang | null {
  if (!header) return null;
  let best: { lang: Lang; q: number; at: number } | null = null;
  header.split(',').forEach((part, at) => {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const primary = tag.trim().split('-')[0];
    if (primary !== 'da' && primary !== 'en') return;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q) || q <= 0) return;
    if (!best || q > best.q) best = { lang: primary, q, at };
  });
  return (best as { lang: Lang } | null)?.lang ?? null;
}

export function requestLang(c: Context, fromQuery: Lang | undefined): Lang {
  return fromQuery ?? acceptedLang(c.req.header('accept-language')) ?? 'da';
}
