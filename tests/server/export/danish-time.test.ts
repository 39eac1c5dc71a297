/** danishTime against Intl's da-DK, Europe/Copenhagen: the text it stands in for, hour by hour. */
import { describe, expect, it } from 'vitest';
import { danishTime } from '../../../server/export/danish-time';

const intl = new Intl.DateTimeFormat('da-DK', { dateStyle: 'long', timeStyle: 'medium', timeZone: 'Europe/Copenhagen' });

describe('danishTime', () => {
  it('reads as Intl reads it, every hour of 2024-2040 (seconds and minutes varying)', () => {
    const differ: string[] = [];
    const from = Date.UTC(2024, 0, 1);
    const to = Date.UTC(2041, 0, 1);
    for (let t = from, k = 0; t < to; t += 3_600_000, k++) {
      const date = new Date(t + (k % 60) * 61_000 + (k % 7) * 1_001);
      if (danishTime(date) !== intl.format(date)) differ.push(`${date.toISOString()}: ${danishTime(date)} vs ${intl.format(date)}`);
    }
    expect(differ.slice(0, 5)).toEqual([]);
  });

  it('turns at 01:00 UTC on the last Sundays of March and October', () => {
    expect(danishTime(new Date('2026-03-29T00:59:59Z'))).toBe('29. marts 2026 kl. 01.59.59');
    expect(danishTime(new Date('2026-03-29T01:00:00Z'))).toBe('29. marts 2026 kl. 03.00.00');
    expect(danishTime(new Date('2026-10-25T00:59:59Z'))).toBe('25. oktober 2026 kl. 02.59.59');
    expect(danishTime(new Date('2026-10-25T01:00:00Z'))).toBe('25. oktober 2026 kl. 02.00.00');
    expect(danishTime(new Date('2026-12-31T23:30:00Z'))).toBe('1. januar 2027 kl. 00.30.00');
  });
});
