/**
 * formatFigure groups whole numbers itself (shared/figures.ts): it must write every figure exactly as
 * toLocaleString does in each language, or a message would change.
 */
import { describe, expect, it } from 'vitest';
import { formatFigure } from '../../shared/figures';

const locale = { da: 'da-DK', en: 'en-GB' } as const;

/** Fixed seed: the same figures on every run. */
function figures(): number[] {
  const out: number[] = [];
  for (let n = -2_100; n <= 2_100; n++) out.push(n);
  for (let p = 1, e = 0; e <= 16; e++, p *= 10) out.push(p, p - 1, p + 1, -p, -(p - 1), -(p + 1));
  out.push(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, 2 ** 60, 1e21, 1e22, -1e21);
  out.push(0.5, -0.5, 12.5, 1234.5, 1234.5678, 250_000.25, -1_000.1, 1e-7, 0, -0, NaN, Infinity, -Infinity);
  let seed = 2025;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 5_000; i++) {
    const magnitude = 10 ** Math.floor(next() * 16);
    const n = Math.floor(next() * magnitude) * (next() < 0.3 ? -1 : 1);
    out.push(n, n + 0.25);
  }
  return out;
}

describe('formatFigure', () => {
  for (const lang of ['da', 'en'] as const) {
    it(`writes every figure as toLocaleString('${locale[lang]}') does`, () => {
      const differ = figures().filter((n) => formatFigure(n, lang) !== n.toLocaleString(locale[lang]));
      expect(differ.map((n) => [n, formatFigure(n, lang), n.toLocaleString(locale[lang])])).toEqual([]);
    });
  }

  it('groups thousands the way each language does', () => {
    expect([formatFigure(250_000, 'da'), formatFigure(-1_234_567, 'da'), formatFigure(999, 'da')]).toEqual(['250.000', '-1.234.567', '999']);
    expect([formatFigure(250_000, 'en'), formatFigure(-1_234_567, 'en'), formatFigure(37.5, 'en')]).toEqual(['250,000', '-1,234,567', '37.5']);
  });
});
