import { modelName } from '../../shared/model-words';
import { textTable as table } from './text-table';
import type { DistrictTotals, Issue, Lang, LocalAreaTotals, ModelId, Report, Totals } from '../../shared/schemas';

interface Words {
  counts: (e: number, w: number, i: number) => string;
  severity: Record<Issue['severity'], string>;
  model: (id: ModelId) => string;
  noIssues: string;
  unknownYear: string;
  sheetHeader: (kind: string, name: string, headerRow: number, rows: number) => string;
  kinds: { budget: string; membership: string };
  districts: string;
  localAreas: string;
  funding: string;
  columns: { name: string; localArea: string; associations: string; extended: string; grant: string; cofinancing: string; hours: string; members: string; perMember: string };
  fundingColumns: { source: string; associations: string; grant: string; frame: string; remaining: string };
  total: string;
  sources: Record<string, string>;
  ok: string;
  notOk: string;
}

const da: Words = {
  counts: (e, w, i) => `${e} fejl, ${w} ${w === 1 ? 'advarsel' : 'advarsler'}, ${i} ${i === 1 ? 'oplysning' : 'oplysninger'}`,
  severity: { error: 'Fejl', warning: 'Advarsel', info: 'Oplysning' },
  model: (id) => modelName(id, 'da'),
  noIssues: 'Ingen bemærkninger.',
  unknownYear: 'ukendt år',
  sheetHeader: (kind, name, headerRow, rows) => `${kind}: "${name}", overskrift i række ${headerRow}, ${rows} ${rows === 1 ? 'række' : 'rækker'}`,
  kinds: { budget: 'Budget', membership: 'Medlemstal' },
  districts: 'Pr. bydel',
  localAreas: 'Pr. lokalområde',
  funding: 'Pr. finansiering',
  columns: { name: 'Bydel', localArea: 'Lokalområde', associations: 'Foreninger', extended: 'Udvidet', grant: 'Tilskud', cofinancing: 'Medfinansiering', hours: 'Timer/uge', members: 'Medl. u. 25', perMember: 'Tilskud pr. medl.' },
  fundingColumns: { source: 'Pulje', associations: 'Foreninger', grant: 'Tilskud', frame: 'Ramme', remaining: 'Rest' },
  total: 'I alt',
  sources: { 'varige-midler': 'Varige midler', kulturpulje: 'Kulturpulje' },
  ok: 'Ingen fejl: arket kan gemmes.',
  notOk: 'Arket har fejl, der skal rettes, før det kan gemmes.',
};

const en: Words = {
  counts: (e, w, i) => `${e} ${e === 1 ? 'error' : 'errors'}, ${w} ${w === 1 ? 'warning' : 'warnings'}, ${i} info`,
  severity: { error: 'Error', warning: 'Warning', info: 'Info' },
  model: (id) => modelName(id, 'en'),
  noIssues: 'No findings.',
  unknownYear: 'unknown year',
  sheetHeader: (kind, name, headerRow, rows) => `${kind}: "${name}", header in row ${headerRow}, ${rows} ${rows === 1 ? 'row' : 'rows'}`,
  kinds: { budget: 'Budget', membership: 'Membership' },
  districts: 'Per district (bydel)',
  localAreas: 'Per local area (lokalområde)',
  funding: 'Per funding source',
  columns: { name: 'District', localArea: 'Local area', associations: 'Associations', extended: 'Extended', grant: 'Grant', cofinancing: 'Co-financing', hours: 'Hours/week', members: 'Members <25', perMember: 'Grant per member' },
  fundingColumns: { source: 'Source', associations: 'Associations', grant: 'Grant', frame: 'Frame', remaining: 'Remaining' },
  total: 'Total',
  sources: { 'varige-midler': 'Permanent budget (varige midler)', kulturpulje: 'Culture pool (kulturpulje)' },
  ok: 'No errors: the sheet can be saved.',
  notOk: 'The sheet has errors to fix before it can be saved.',
};

function numberFormatter(lang: Lang): (n: number | null) => string {
  const fmt = new Intl.NumberFormat(lang === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 2 });
  return (n) => (n === null ? '–' : fmt.format(n));
}

function totalsCells(t: Totals, num: (n: number | null) => string): string[] {
  return [num(t.associations), num(t.extended), num(t.grant), num(t.cofinancing), num(t.hours), num(t.membersUnder25), num(t.grantPerMemberUnder25)];
}

function areaTable(
  w: Words, firstColumn: string, rows: Array<DistrictTotals | LocalAreaTotals>, name: (r: DistrictTotals | LocalAreaTotals) => string,
  total: Totals | null, num: (n: number | null) => string,
): string[] {
  const c = w.columns;
  const body = rows.map((r) => [name(r), ...totalsCells(r, num)]);
  if (total) body.push([w.total, ...totalsCells(total, num)]);
  return table([firstColumn, c.associations, c.extended, c.grant, c.cofinancing, c.hours, c.members, c.perMember], body);
}

function issueLine(issue: Issue, w: Words): string {
  const where = issue.sheet ? `${issue.sheet}${issue.cell ? `!${issue.cell}` : ''}` : '—';
  // Messages start with their cell so they stand alone (task pane, API); here the cell is already in front.
  const message = issue.cell && issue.message.startsWith(`${issue.cell}: `) ? issue.message.slice(issue.cell.length + 2) : issue.message;
  return `  ${w.severity[issue.severity].padEnd(10)} ${where}  [${issue.code}]  ${message}`;
}

/** "0 fejl, 1 advarsel, 3 oplysninger" in the user's language. */
export function countsText(counts: Report['counts'], lang: Lang): string {
  return (lang === 'da' ? da : en).counts(counts.error, counts.warning, counts.info);
}

/** The report as a person reads it in a terminal: where and what, then the district table. */
export function formatReportText(report: Report, lang: Lang, file: string): string {
  const w = lang === 'da' ? da : en;
  const num = numberFormatter(lang);
  const lines: string[] = [];
  lines.push(`${file} · ${report.year ?? w.unknownYear}${report.model ? ` (${w.model(report.model)})` : ''} · ${w.counts(report.counts.error, report.counts.warning, report.counts.info)}`);
  for (const kind of ['budget', 'membership'] as const) {
    const s = report.sheets[kind];
    if (s) lines.push(`  ${w.sheetHeader(w.kinds[kind], s.name, s.headerRow, s.dataRows)}`);
  }
  lines.push('');
  if (report.issues.length === 0) lines.push(`  ${w.noIssues}`);
  for (const issue of report.issues) lines.push(issueLine(issue, w));
  const { summary } = report;
  if (summary.districts.length > 0) {
    lines.push('', `${w.districts}:`, ...areaTable(w, w.columns.name, summary.districts, (r) => (r as DistrictTotals).district, summary.total, num));
  }
  if (summary.localAreas.length > 0) {
    lines.push('', `${w.localAreas}:`, ...areaTable(w, w.columns.localArea, summary.localAreas, (r) => (r as LocalAreaTotals).localArea, null, num));
  }
  if (summary.funding.length > 0) {
    const f = w.fundingColumns;
    lines.push('', `${w.funding}:`, ...table(
      [f.source, f.associations, f.grant, f.frame, f.remaining],
      summary.funding.map((s) => [w.sources[s.source] ?? s.source, num(s.associations), num(s.grant), num(s.frame), num(s.remaining)]),
    ));
  }
  lines.push('', report.ok ? w.ok : w.notOk);
  return lines.join('\n') + '\n';
}

/** The report as JSON for scripts: issue 2's shape, without the normalised rows (the service stores those). */
export function formatReportJson(report: Report, file: string, extra: Record<string, unknown> = {}): string {
  const { data: _data, ...rest } = report;
  return JSON.stringify({ file, ...rest, ...extra }, null, 2) + '\n';
}
