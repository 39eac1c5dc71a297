/**
 * Test input for the membership export writers: 25 associations with Danish names spread over
 * the districts, some without age bands, and names that try to break CSV or run as formulas.
 * The district rows and the total are summed here, independently of the writers' own sums.
 */
import { Writable } from 'node:stream';
import type {
  MembershipExportAssociation,
  MembershipExportDistrict,
  MembershipExportInput,
  MembershipExportYear,
} from '../../../server/export/types';
import type { Lang } from '../../../shared/schemas';

const districts = [
  'Indre By', 'Østerbro', 'Nørrebro', 'Vesterbro/Kongens Enghave', 'Valby', 'Vanløse',
  'Brønshøj-Husum', 'Bispebjerg', 'Amager Øst', 'Amager Vest', 'Bydækkende',
];

export const trickyNames = {
  formula: '=HYPERLINK("http://evil.example","klik")',
  plus: '+45 Fodbold',
  minus: '-1 Ungdom',
  at: '@Krumspring',
  separator: 'Leg; Virke og "Glæde"',
  newline: 'Rollespils\nfabrikken',
};

export function makeAssociations(count = 25): MembershipExportAssociation[] {
  const special = Object.values(trickyNames);
  return Array.from({ length: count }, (_, i) => {
    const age0to12 = 40 + ((i * 37) % 300);
    const age13to18 = 20 + ((i * 53) % 200);
    const age19to24 = 5 + ((i * 11) % 90);
    // Every fifth association only reports the under-25 figure, as the membership sheet allows.
    const bandsGiven = i % 5 !== 3;
    const under25 = age0to12 + age13to18 + age19to24;
    return {
      association: special[i] ?? `Forening ${i + 1} – Æblegårdens Ø-Søstre på Åen`,
      district: districts[i % districts.length],
      age0to12: bandsGiven ? age0to12 : null,
      age13to18: bandsGiven ? age13to18 : null,
      age19to24: bandsGiven ? age19to24 : null,
      under25,
      totalMembers: i % 7 === 6 ? null : under25 + 100 + i * 3,
      // Every sixth association is new this year: no figure for the year before.
      previousUnder25: i % 6 === 5 ? null : under25 - 20 + ((i * 13) % 45),
    };
  });
}

function addNullable(a: number | null, b: number | null): number | null {
  if (b === null) return a;
  return (a ?? 0) + b;
}

export function sumRows(name: string, rows: MembershipExportAssociation[]): MembershipExportDistrict {
  const out: MembershipExportDistrict = {
    district: name, associations: 0, age0to12: null, age13to18: null, age19to24: null, under25: 0, totalMembers: null, previousUnder25: 0,
  };
  for (const r of rows) {
    out.associations += 1;
    out.age0to12 = addNullable(out.age0to12, r.age0to12);
    out.age13to18 = addNullable(out.age13to18, r.age13to18);
    out.age19to24 = addNullable(out.age19to24, r.age19to24);
    out.under25 += r.under25 ?? 0;
    out.totalMembers = addNullable(out.totalMembers, r.totalMembers);
    out.previousUnder25! += r.previousUnder25 ?? 0;
  }
  return out;
}

const snapshot = { id: '7f3c2a10-5b1e-4c9d-9a55-0d6b1f2e8c41', hash: '9b1f0c6ad2e34f7a8c0b5d1e2f3a4b5c6d7e8f90a1b2c3d4e5f60718293a4e41', createdAt: '2026-01-15T08:30:00.000Z' };
export const previousSnapshot = { id: '2d1e4f60-8a3b-4c7d-9e0f-112233445566', hash: 'a'.repeat(64), createdAt: '2025-01-20T13:05:00.000Z' };

/** The programme's figures of three years, as the series sheet gets them. */
export function makeSeries(year: number, total: MembershipExportDistrict): MembershipExportYear[] {
  return [year - 2, year - 1].map((y, k): MembershipExportYear => ({
    year: y, model: y < 2025 ? 'model-2012' : 'model-2025', snapshot: previousSnapshot, associations: 25 - k, extended: 0,
    under25: 18_340 + k * 17, age0to12: null, age13to18: null, age19to24: null, totalMembers: 41_000 + k,
    grant: 5_000_000, cofinancing: 0, hours: 500 + k * 0.5, grantPerMemberUnder25: 272.63,
  })).concat([{
    year, model: 'model-2025', snapshot, associations: total.associations, extended: 4, under25: total.under25,
    age0to12: total.age0to12, age13to18: total.age13to18, age19to24: total.age19to24, totalMembers: total.totalMembers,
    grant: 5_850_000, cofinancing: 1_250_000, hours: 600, grantPerMemberUnder25: total.under25 > 0 ? 5_850_000 / total.under25 : null,
  }]);
}

export function makeInput(rows: MembershipExportAssociation[], year = 2025, lang: Lang = 'da'): MembershipExportInput {
  const names = [...new Set(rows.map((r) => r.district ?? 'Ukendt'))];
  const total = sumRows('I alt', rows);
  return {
    year,
    lang,
    snapshot,
    previous: { year: year - 1, snapshot: previousSnapshot },
    series: makeSeries(year, total),
    associations: (async function* () {
      for (const r of rows) yield r;
    })(),
    districts: names.map((n) => sumRows(n, rows.filter((r) => (r.district ?? 'Ukendt') === n))),
    total,
  };
}

/** A destination that keeps every byte, to read the export back. */
export class Collector extends Writable {
  chunks: Buffer[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (error?: Error | null) => void) {
    this.chunks.push(Buffer.from(chunk));
    done();
  }
  get buffer() {
    return Buffer.concat(this.chunks);
  }
}

/**
 * A destination whose reader is away: it takes no more bytes until `release()`. Records how far
 * the writer got in the meantime.
 */
export class StalledReader extends Writable {
  private waiting: Array<() => void> = [];
  private stalled = true;
  chunks: Buffer[] = [];
  constructor() {
    super({ highWaterMark: 16 * 1024 });
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (error?: Error | null) => void) {
    this.chunks.push(Buffer.from(chunk));
    if (this.stalled) this.waiting.push(() => done());
    else done();
  }
  get buffer() {
    return Buffer.concat(this.chunks);
  }
  release() {
    this.stalled = false;
    for (const go of this.waiting.splice(0)) go();
  }
}

/** An association source that counts how many rows the writer has pulled. */
export function countingSource(rows: MembershipExportAssociation[]) {
  const state = { pulled: 0, done: false };
  const source = (async function* () {
    for (const r of rows) {
      state.pulled += 1;
      yield r;
    }
    state.done = true;
  })();
  return { state, source };
}

/** Waits until `read()` has not changed for a while: the writer has stopped (or finished). */
export async function untilSettled(read: () => number, quietMs = 300, maxMs = 20_000): Promise<number> {
  let last = read();
  let quietSince = Date.now();
  const started = Date.now();
  while (Date.now() - started < maxMs) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    const now = read();
    if (now !== last) {
      last = now;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs) break;
  }
  return last;
}
