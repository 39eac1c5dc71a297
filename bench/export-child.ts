/**
 * Child process of bench/export.bench.ts: writes one membership export of N synthetic
 * association-years to the null device and prints one JSON line with the time and the peak RSS.
 * A process of its own, so the peak counts this export alone and not the bench runner.
 *
 *   node --import tsx bench/export-child.ts <xlsx|csv> <associations> [runs]
 *
 * The first run is cold (as the first export after the service starts: lazy module parts,
 * JIT, locale data); the later ones show the steady state.
 */
import { readFileSync, createWriteStream } from 'node:fs';
import { devNull } from 'node:os';
import { Writable } from 'node:stream';
import { writeMembershipCsv } from '../server/export/membership-csv';
import { writeMembershipXlsx } from '../server/export/membership-xlsx';
import type { MembershipExportAssociation, MembershipExportDistrict, MembershipExportInput, MembershipExportYear } from '../server/export/types';

const DISTRICTS = [
  'Indre By', 'Østerbro', 'Nørrebro', 'Vesterbro/Kongens Enghave', 'Valby', 'Vanløse',
  'Brønshøj-Husum', 'Bispebjerg', 'Amager Øst', 'Amager Vest', 'Bydækkende',
];

// Rows are made on demand, like a database cursor hands them out, so the input itself takes no memory.
function association(i: number): MembershipExportAssociation {
  const age0to12 = 40 + ((i * 37) % 300);
  const age13to18 = 20 + ((i * 53) % 200);
  const age19to24 = 5 + ((i * 11) % 90);
  const under25 = age0to12 + age13to18 + age19to24;
  return {
    association: `Forening ${i + 1} – Idrætsforeningen Søndermarken`,
    district: DISTRICTS[i % DISTRICTS.length],
    age0to12, age13to18, age19to24, under25,
    totalMembers: under25 + 100 + (i % 500),
    // As the previous year's version gives it: most associations were there, every tenth is new.
    previousUnder25: i % 10 === 9 ? null : under25 - 5 + (i % 11),
  };
}

function makeInput(count: number): MembershipExportInput {
  const byDistrict = new Map<string, MembershipExportDistrict>();
  const total: MembershipExportDistrict = { district: 'I alt', associations: 0, age0to12: 0, age13to18: 0, age19to24: 0, under25: 0, totalMembers: 0, previousUnder25: 0 };
  for (let i = 0; i < count; i++) {
    const a = association(i);
    const name = a.district!;
    const d = byDistrict.get(name) ?? { ...total, district: name, associations: 0, age0to12: 0, age13to18: 0, age19to24: 0, under25: 0, totalMembers: 0, previousUnder25: 0 };
    for (const t of [d, total]) {
      t.associations += 1;
      t.age0to12! += a.age0to12!;
      t.age13to18! += a.age13to18!;
      t.age19to24! += a.age19to24!;
      t.under25 += a.under25!;
      t.totalMembers! += a.totalMembers!;
      t.previousUnder25! += a.previousUnder25 ?? 0;
    }
    byDistrict.set(name, d);
  }
  const snapshot = { id: 'bench-snapshot', hash: '0'.repeat(64), createdAt: new Date().toISOString() };
  // The programme's figures for 2012–2025, as the series sheet gets them.
  const series: MembershipExportYear[] = Array.from({ length: 14 }, (_, k) => ({
    year: 2012 + k, model: k < 13 ? 'model-2012' : 'model-2025', snapshot, associations: 25, extended: k < 13 ? 0 : 4,
    under25: 18_000 + k * 30, age0to12: 9_000, age13to18: 6_000, age19to24: 3_000 + k * 30, totalMembers: 40_000,
    grant: 5_000_000, cofinancing: 0, hours: 500, grantPerMemberUnder25: 277.3,
  }));
  return {
    year: 2025,
    lang: 'da',
    snapshot,
    previous: { year: 2024, snapshot },
    series,
    associations: (async function* () {
      for (let i = 0; i < count; i++) yield association(i);
    })(),
    districts: [...byDistrict.values()],
    total,
  };
}

function peakRssMb(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux: fall through to resourceUsage
  }
  return process.resourceUsage().maxRSS / 1024;
}

const [format, countArg] = process.argv.slice(2);
const write = format === 'xlsx' ? writeMembershipXlsx : format === 'csv' ? writeMembershipCsv : null;
const count = Number(countArg);
if (!write || !Number.isInteger(count) || count < 0) {
  console.error('usage: node --import tsx bench/export-child.ts <xlsx|csv> <associations> [runs]');
  process.exit(2);
}

const runs = Math.max(1, Number(process.argv[4] ?? 1));
const baselineRssMb = peakRssMb();
const ms: number[] = [];
const cpuMs: number[] = [];
let bytes = 0;
for (let r = 0; r < runs; r++) {
  const input = makeInput(count);
  const out = createWriteStream(devNull);
  bytes = 0;
  const counting = new Writable({
    write(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      out.write(chunk, done);
    },
    final(done) {
      out.end(done);
    },
  });
  const start = performance.now();
  const cpu = process.cpuUsage();
  await write(counting, input);
  ms.push(performance.now() - start);
  const used = process.cpuUsage(cpu);
  cpuMs.push((used.user + used.system) / 1000);
}
console.log(JSON.stringify({ format, associations: count, ms, cpuMs, bytes, baselineRssMb, peakRssMb: peakRssMb() }));
