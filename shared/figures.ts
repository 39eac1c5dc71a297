import type { Lang } from './schemas';

const LOCALE: Record<Lang, string> = { da: 'da-DK', en: 'en-GB' };
/** The thousands separator each language writes: 250.000 in Danish, 250,000 in English. */
const GROUP: Record<Lang, string> = { da: '.', en: ',' };

/**
 * A figure as each language writes it in a message: 1.234,5 in Danish, 1,234.5 in English, exactly as
 * toLocaleString writes it. Whole numbers — nearly every figure a finding names — are grouped here: a sheet
 * can give thousands of findings ("250.000 kr." written as text in every row), and toLocaleString asks ICU
 * for each one, a tenth of such a validation. Other figures (decimals, -0, beyond 2^53) go to toLocaleString.
 */
export function formatFigure(n: number, lang: Lang): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString(LOCALE[lang]);
  if (n > -1000 && n < 1000) return String(n);
  const digits = String(n < 0 ? -n : n);
  const head = digits.length % 3 || 3;
  let out = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) out += GROUP[lang] + digits.slice(i, i + 3);
  return n < 0 ? `-${out}` : out;
}
