import ExcelJS from 'exceljs';
import { copenhagen, modelForYear } from '../../shared/config';
import { districtOrder } from '../../shared/districts';
import { fieldsFor, type FieldDefinition, type FieldType } from '../../shared/read/columns';
import type { ProgrammeConfig, ProgrammeModel, SheetKind } from '../../shared/schemas';

/** DKK as staff see it; Danish Excel shows the separators its locale uses (250.000 kr.). */
export const dkkFormat = '#,##0 "kr."';
export const countFormat = '#,##0';
/** Rows that carry the drop-downs and formats; far more than the programme's 21–25 associations. */
export const templateRows = 300;

export const yesNoChoices = ['Ja', 'Nej'];
export const tierChoices = ['standard', 'udvidet'];
export const fundingChoices = ['Varige midler', 'Kulturpulje'];

export function budgetSheetName(year: number): string {
  return `Budget ${year}`;
}
export function membershipSheetName(year: number): string {
  return `Medlemstal ${year}`;
}

/** The columns the template carries for a model: what the model requires, and the optional fields it uses. */
export function templateFields(kind: SheetKind, model: ProgrammeModel): FieldDefinition[] {
  const usesFunding = Object.keys(model.frames).length > 0;
  return fieldsFor(kind).filter((f) => {
    // The sheet name carries the year, so a year column would only repeat it on every row.
    if (f.field === 'year') return false;
    // Only a part-year partnership needs months (blank = the whole year); staff add the column when one does.
    if (f.field === 'months') return false;
    if (f.field === 'tier' || f.field === 'cofinancing' || f.field === 'agreementTerms') return f.required(model);
    if (f.field === 'fundingSource') return usesFunding;
    return true;
  });
}

const widths: Record<FieldType, number> = {
  text: 30, district: 28, tier: 14, amount: 16, hours: 14, count: 14, yesno: 14, funding: 16, year: 14, months: 12,
};

const formats: Partial<Record<FieldType, string>> = { amount: dkkFormat, count: countFormat, year: '0' };

type ListField = { choices: string[]; prompt: string; error: string };

function listFor(f: FieldDefinition, config: ProgrammeConfig): ListField | null {
  switch (f.type) {
    case 'district':
      return { choices: districtOrder(config), prompt: 'Vælg bydelen (eller Bydækkende for foreninger i hele byen).', error: 'Vælg en bydel fra listen.' };
    case 'tier':
      return { choices: tierChoices, prompt: 'standard eller udvidet partnerskab.', error: 'Skriv standard eller udvidet.' };
    case 'yesno':
      return { choices: yesNoChoices, prompt: 'Ansat på overenskomstlignende vilkår: Ja eller Nej.', error: 'Vælg Ja eller Nej.' };
    case 'funding':
      return { choices: fundingChoices, prompt: 'Hvilken pulje tilskuddet kommer fra.', error: 'Vælg Varige midler eller Kulturpulje.' };
    default:
      return null;
  }
}

/** A list validation's formula: an inline list when Excel's 255-character limit allows it, else a range on the list sheet. */
function listFormula(choices: string[], listSheet: () => ExcelJS.Worksheet, key: string): string {
  const inline = `"${choices.join(',')}"`;
  if (inline.length <= 255 && !choices.some((c) => c.includes(',') || c.includes('"'))) return inline;
  const ws = listSheet();
  const col = ws.columnCount + 1;
  ws.getCell(1, col).value = key;
  choices.forEach((c, i) => {
    ws.getCell(i + 2, col).value = c;
  });
  const letter = ws.getColumn(col).letter;
  return `'${ws.name}'!$${letter}$2:$${letter}$${choices.length + 1}`;
}

const kr = (n: number) => `${n.toLocaleString('da-DK')} kr.`;

/** What the model asks of a figure, as the cell's input message; the amounts come from the configuration. */
function numberPrompt(field: string, model: ProgrammeModel): string | null {
  const { standard, udvidet } = model.tiers;
  const both = (pick: (t: typeof standard) => string) => (udvidet ? `standard ${pick(standard)}, udvidet ${pick(udvidet)}` : pick(standard));
  switch (field) {
    case 'grant':
      return `Tilskud om året: ${both((t) => kr(t.grant))}.`;
    case 'cofinancing':
      return `Mindst ${both((t) => kr(t.cofinancingMin))} om året.`;
    case 'hours':
      return `Ressourcepersonens timer om ugen, mindst ${both((t) => String(t.hoursMin))}.`;
    case 'salary':
      return 'Hele tilskuddet og medfinansieringen går til ressourcepersonens løn.';
    default:
      return null;
  }
}

function addSheet(
  wb: ExcelJS.Workbook, name: string, fields: FieldDefinition[], config: ProgrammeConfig, model: ProgrammeModel, listSheet: () => ExcelJS.Worksheet,
): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1, topLeftCell: 'B2' }] });
  ws.columns = fields.map((f) => ({ header: f.header, key: f.field, width: Math.max(widths[f.type], f.header.length + 4) }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
  fields.forEach((f, i) => {
    const col = i + 1;
    const numFmt = formats[f.type];
    const list = listFor(f, config);
    const formula = list ? listFormula(list.choices, listSheet, f.header) : null;
    for (let r = 2; r <= templateRows + 1; r++) {
      const cell = ws.getCell(r, col);
      if (numFmt) cell.numFmt = numFmt;
      if (list && formula) {
        cell.dataValidation = {
          type: 'list', allowBlank: true, formulae: [formula],
          showInputMessage: true, prompt: list.prompt, showErrorMessage: true, errorStyle: 'stop', errorTitle: f.header, error: list.error,
        };
      } else if (f.type === 'amount' || f.type === 'count' || f.type === 'hours') {
        const prompt = numberPrompt(f.field, model);
        cell.dataValidation = {
          type: f.type === 'count' ? 'whole' : 'decimal', operator: 'greaterThanOrEqual', allowBlank: true, formulae: [0],
          ...(prompt ? { showInputMessage: true, prompt } : {}),
          showErrorMessage: true, errorStyle: 'stop', errorTitle: f.header, error: 'Skriv et tal, der ikke er negativt.',
        };
      }
    }
  });
}

/**
 * The empty workbook in the canonical layout for a programme year: both sheets with the column
 * dictionary's Danish headers, drop-downs, DKK formats and a frozen header row.
 */
export function buildTemplateWorkbook(year: number, config: ProgrammeConfig = copenhagen): ExcelJS.Workbook {
  const model = modelForYear(year, config);
  if (!model) {
    const first = Math.min(...config.models.map((m) => m.fromYear));
    throw new RangeError(`${year} has no programme model: the programme runs from ${first}.`);
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Partnerskab';
  let lists: ExcelJS.Worksheet | null = null;
  // Created only when a list is too long to write inline, and hidden: it holds no data to check.
  const listSheet = () => (lists ??= Object.assign(wb.addWorksheet('Lister', { state: 'veryHidden' })));
  addSheet(wb, budgetSheetName(year), templateFields('budget', model), config, model, listSheet);
  addSheet(wb, membershipSheetName(year), templateFields('membership', model), config, model, listSheet);
  return wb;
}

export async function writeTemplateFile(path: string, year: number, config: ProgrammeConfig = copenhagen): Promise<void> {
  await buildTemplateWorkbook(year, config).xlsx.writeFile(path);
}
