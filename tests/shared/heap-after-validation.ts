/**
 * Run by no-state.test.ts in a process of its own (a small heap, so its snapshot is quick to take and read):
 * validates a workbook whose cells are distinct texts, lets the report go, and prints how many of those texts
 * a heap snapshot still holds, as JSON on stdout. Argument: the number of rows.
 */
import { getHeapSnapshot } from 'node:v8';
import { validateWorkbook, type CellValue, type WorkbookInput } from '../../shared';

/** Ten punctuation marks a name's comparison drops: "Valby !#%&(" is read as Valby, yet each is its own string. */
const MARKS = '!#%&()*+,-';
const mark = (i: number) => String(i).padStart(6, '0').replace(/\d/g, (d) => MARKS[Number(d)]);

/** Every row's district is its own spelling of Valby; tier, yes/no and salary too in every tenth row. */
function workbookOfDistinctTexts(rows: number): WorkbookInput {
  const values: CellValue[][] = [['Forening', 'Bydel', 'Partnerskab', 'Tilskud', 'Timer pr. uge', 'Lønudgift', 'Overenskomst']];
  for (let i = 0; i < rows; i++) {
    const m = mark(i);
    const own = i % 10 === 0;
    values.push([`Forening ${i}`, `Valby ${m}`, own ? `Standard ${m}` : 'standard', 250_000, 25, own ? `${700_000 + i} kr.` : 700_000, own ? `Ja ${m}` : 'Ja']);
  }
  return { sheets: [{ name: 'Budget 2025', values }] };
}

const patterns: Record<string, RegExp> = {
  district: /Valby [!#%&()*+,-]{6}/g,
  tier: /Standard [!#%&()*+,-]{6}/g,
  yesNo: /Ja [!#%&()*+,-]{6}/g,
  amount: /7\d{5} kr\./g,
};

/** What the validation saw, with nothing of the workbook or the report left on the stack. */
function validated(rows: number) {
  const report = validateWorkbook(workbookOfDistinctTexts(rows));
  const count = (code: string, field: string) => report.issues.filter((i) => i.code === code && i.field === field).length;
  return {
    rows: report.data.budget.length,
    first: report.data.budget[0],
    variants: { district: count('spelling-variant', 'district'), tier: count('spelling-variant', 'tier'), yesNo: count('spelling-variant', 'agreementTerms') },
    textAmounts: count('text-amount', 'salary'),
  };
}

async function distinctInHeap(): Promise<Record<string, number>> {
  const found = Object.fromEntries(Object.keys(patterns).map((k) => [k, new Set<string>()]));
  let tail = '';
  for await (const chunk of getHeapSnapshot()) {
    const text = tail + String(chunk);
    for (const [k, re] of Object.entries(patterns)) for (const m of text.matchAll(re)) found[k].add(m[0]);
    tail = text.slice(-32);
  }
  return Object.fromEntries(Object.entries(found).map(([k, s]) => [k, s.size]));
}

const seen = validated(Number(process.argv[2]));
const left = await distinctInHeap();
process.stdout.write(JSON.stringify({ seen, left }));
