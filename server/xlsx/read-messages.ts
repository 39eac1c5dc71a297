/**
 * The one place that words a refusal to read a file: what the file is, and what to do, in Danish and English.
 * `file` is the file's name where the user gave a path (the CLI), or null for uploaded bytes ("Filen").
 */
import type { Lang } from '../../shared/schemas';
import { looksLikeCpr } from '../../shared/rules/personal-data';
import { describeTextProblem } from '../../shared/text-safety';
import type { NotZipLook, ReadProblem, WorkbookPart } from './read-problem';

export type Messages = Readonly<Record<Lang, string>>;

/** 1234567 → "1.234.567" (da) or "1,234,567" (en), without ICU. */
export function groupDigits(n: number, lang: Lang): string {
  const s = String(Math.round(n));
  return s.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'da' ? '.' : ',');
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

function seconds(ms: number, lang: Lang): string {
  if (ms < 1000) return `${ms} ms`;
  const s = String(Math.round(ms / 100) / 10);
  return `${lang === 'da' ? s.replace('.', ',') : s} s`;
}

const looks: Record<NotZipLook, Messages> = {
  binary: { da: 'den ligner binære data', en: 'it looks like binary data' },
  markup: { da: 'den ligner HTML- eller XML-tekst', en: 'it looks like HTML or XML text' },
  csv: { da: 'den ligner en CSV- eller tekstfil', en: 'it looks like a CSV or text file' },
  text: { da: 'den ligner en tekstfil', en: 'it looks like a text file' },
};

/**
 * A sheet's name as a refusal may repeat it: never one that holds what looks like a CPR number, since the
 * message is printed, returned by the API and may be logged.
 */
function sheetName(name: string, lang: Lang): string {
  if (looksLikeCpr(name)) return lang === 'da' ? '(arknavn udeladt)' : '(sheet name left out)';
  return name;
}

/** "Budget!A5", "'Budget 2025'!A5": the sheet quoted as Excel writes it in a reference. */
/** "Budget!A10", or "'Medlemstal 2025'!A9" where the sheet's name needs quotes, as Excel writes a reference. */
export function cellRef(sheet: string, cell: string, lang: Lang): string {
  const name = sheetName(sheet, lang);
  if (name !== sheet) return `${name}!${cell}`;
  return /^[A-Za-z_\u00c0-\uffff][\w.\u00c0-\uffff]*$/.test(sheet) ? `${sheet}!${cell}` : `'${sheet.replace(/'/g, "''")}'!${cell}`;
}

function partName(part: WorkbookPart, sheet: string | undefined, lang: Lang): string {
  if (part === 'sheet') return lang === 'da' ? `arket "${sheetName(sheet ?? '', lang)}"` : `the sheet "${sheetName(sheet ?? '', lang)}"`;
  const names: Record<Exclude<WorkbookPart, 'sheet'>, Messages> = {
    package: { da: 'oversigten over filens dele', en: 'the list of its parts' },
    workbook: { da: 'listen over ark', en: 'the list of sheets' },
    styles: { da: 'talformaterne', en: 'the number formats' },
    'shared-strings': { da: 'teksterne', en: 'the texts' },
  };
  return names[part][lang];
}

function sentence(p: ReadProblem, L: string, lang: Lang): string {
  const da = lang === 'da';
  const resave = da ? 'Åbn den i Excel, og gem den igen som .xlsx.' : 'open it in Excel and save it again as .xlsx.';
  const saveAs = da ? 'Gem den som "Excel-projektmappe (.xlsx)".' : 'save it as "Excel Workbook (.xlsx)".';
  const notBudget = da ? 'så stor kan en budget- eller medlemsprojektmappe ikke være' : 'it cannot be a budget or membership workbook';
  const damagedOrHuge = da
    ? 'Filen er beskadiget eller langt større end en budget- eller medlemsprojektmappe'
    : 'the file is damaged or far larger than a budget or membership workbook';
  switch (p.kind) {
    case 'empty':
      return da ? `${L} er tom (0 byte): Gem projektmappen fra Excel som .xlsx, og prøv igen.` : `${L} is empty (0 bytes): save the workbook from Excel as .xlsx and try again.`;
    case 'encrypted':
      return da
        ? `${L} er beskyttet med adgangskode (krypteret): Åbn den i Excel, fjern adgangskoden under Filer > Oplysninger > Beskyt projektmappe, gem, og prøv igen.`
        : `${L} is a password-protected (encrypted) workbook: open it in Excel, remove the password under File > Info > Protect Workbook, save, and try again.`;
    case 'legacy-xls':
      return da
        ? `${L} er en gammel Excel 97-2003-fil (.xls), ikke .xlsx: Åbn den i Excel, og gem den som "Excel-projektmappe (.xlsx)".`
        : `${L} is an old Excel 97-2003 file (.xls), not .xlsx: open it in Excel and save it as "Excel Workbook (.xlsx)".`;
    case 'empty-zip':
      return da ? `${L} er et tomt zip-arkiv, ikke en Excel-projektmappe: Gem projektmappen fra Excel som .xlsx.` : `${L} is an empty zip archive, not an xlsx workbook: save the workbook from Excel as .xlsx.`;
    case 'not-zip':
      return da
        ? `${L} er ikke en Excel-projektmappe (${looks[p.looksLike].da}): Gem den fra Excel som "Excel-projektmappe (.xlsx)".`
        : `${L} is not an xlsx workbook (${looks[p.looksLike].en}): save it from Excel as "Excel Workbook (.xlsx)".`;
    case 'truncated':
      return da
        ? `${L} er afkortet (zip-arkivet mangler sin slutning): Filen blev afbrudt under kopiering eller download. Kopiér den igen.`
        : `${L} is truncated (the zip archive has no end record): the file was cut off while copying or downloading; copy it again.`;
    case 'xlsb':
      return da ? `${L} er en binær projektmappe (.xlsb), ikke .xlsx: ${saveAs}` : `${L} is a binary workbook (.xlsb), not .xlsx: ${saveAs}`;
    case 'ods':
      return da ? `${L} er et OpenDocument-regneark (.ods), ikke .xlsx: ${saveAs}` : `${L} is an OpenDocument spreadsheet (.ods), not .xlsx: ${saveAs}`;
    case 'zip-not-xlsx':
      return da
        ? `${L} er et zip-arkiv, men ikke en Excel-projektmappe (der er ingen projektmappe i det), fx en .docx eller .zip: Vælg .xlsx-filen.`
        : `${L} is a zip archive but not an xlsx workbook (it holds no workbook), e.g. a .docx or .zip: choose the .xlsx file.`;
    case 'damaged-zip':
      return da
        ? `${L} er beskadiget (zip-arkivets indholdsfortegnelse kan ikke læses): ${resave} Kan Excel ikke åbne den, så hent en ny kopi.`
        : `${L} is damaged (its zip directory cannot be read): ${resave.replace(/\.$/, '')}; if Excel cannot open it, get a fresh copy.`;
    case 'compression':
      return da
        ? `${L} er pakket med en metode, som Excel ikke bruger (zip-metode ${p.method}): Åbn den i programmet, der lavede den, og gem den som "Excel-projektmappe (.xlsx)".`
        : `${L} is packed with a method Excel does not use (zip method ${p.method}): open it in the program that made it and save it as "Excel Workbook (.xlsx)".`;
    case 'too-much-unpacked': {
      const limit = groupDigits(mb(p.limitBytes), lang);
      if (p.declaredBytes !== undefined) {
        const size = groupDigits(mb(p.declaredBytes), lang);
        return da ? `${L} fylder ${size} MB udpakket, mere end grænsen på ${limit} MB: ${notBudget}.` : `${L} unpacks to ${size} MB, more than the ${limit} MB limit: ${notBudget}.`;
      }
      return da
        ? `${L} fylder mere end grænsen på ${limit} MB udpakket og blev stoppet: ${notBudget}. Slet overflødige ark eller celler, og gem igen.`
        : `${L} unpacks to more than the ${limit} MB limit and was stopped: ${notBudget}. Delete stray sheets or cells and save again.`;
    }
    case 'damaged-part':
      return da
        ? `${L} er beskadiget (${partName(p.part, p.sheet, lang)} kan ikke læses): ${resave}`
        : `${L} is damaged (${partName(p.part, p.sheet, lang)} cannot be read): ${resave}`;
    case 'no-sheets':
      return da ? `${L} har ingen regneark: Tilføj budget- og medlemsarkene, og gem igen.` : `${L} has no worksheets: add the budget and membership sheets and save again.`;
    case 'too-many-cells': {
      const [rows, cols, limit] = [p.rows, p.cols, p.limit].map((n) => groupDigits(n, lang));
      return da
        ? `${L} er for stor til at blive læst (arket "${sheetName(p.sheet, lang)}" spænder over ${rows} rækker × ${cols} kolonner; højst ${limit} celler i alt): Slet de løse celler langt under eller til højre for tallene, og gem igen.`
        : `${L} is too big to read (sheet "${sheetName(p.sheet, lang)}" spans ${rows} rows × ${cols} columns; at most ${limit} cells in all): delete the stray cells far below or right of the data and save again.`;
    }
    case 'text-too-long':
      return describeTextProblem({ kind: 'too-long', length: p.length, max: p.max }, cellRef(p.sheet, p.cell, lang), lang);
    case 'cell-text':
      return describeTextProblem(p.problem, cellRef(p.sheet, p.cell, lang), lang);
    case 'sheet-name': {
      const where = da ? `Navnet på ark ${p.index}` : `The name of sheet ${p.index}`;
      if (p.problem.kind === 'personal-data') {
        return da
          ? `${where} ser ud til at indeholde et CPR-nummer. Omdøb arket; personoplysninger bliver hverken gemt eller sendt.`
          : `${where} looks like it holds a CPR number. Rename the sheet; personal data is neither stored nor sent.`;
      }
      if (p.problem.kind === 'too-long') {
        return da
          ? `${where} har ${p.problem.length} tegn; Excel tillader højst ${p.problem.max} i et arknavn. Omdøb arket.`
          : `${where} has ${p.problem.length} characters; Excel allows at most ${p.problem.max} in a sheet name. Rename the sheet.`;
      }
      return describeTextProblem(p.problem, where, lang);
    }
    case 'too-slow':
      return da
        ? `${L} tog mere end ${seconds(p.ms, lang)} at læse og blev stoppet: ${damagedOrHuge}. ${resave}`
        : `${L} took more than ${seconds(p.ms, lang)} to read and was stopped: ${damagedOrHuge}; ${resave}`;
    case 'out-of-memory':
      return da
        ? `${L} kræver mere end ${groupDigits(p.mb, lang)} MB hukommelse at læse og blev stoppet: ${damagedOrHuge}. ${resave}`
        : `${L} needs more than ${groupDigits(p.mb, lang)} MB of memory to read and was stopped: ${damagedOrHuge}; ${resave}`;
    case 'file-too-big':
      return da
        ? `${L} fylder ${groupDigits(p.mb, lang)} MB, mere end grænsen på ${groupDigits(p.limitMb, lang)} MB: ${notBudget}.`
        : `${L} is ${groupDigits(p.mb, lang)} MB, more than the ${groupDigits(p.limitMb, lang)} MB limit: ${notBudget}.`;
    case 'not-found':
      return da ? `${p.path}: Filen findes ikke. Tjek stien.` : `${p.path}: no such file; check the path.`;
    case 'is-directory':
      return da ? `${p.path} er en mappe, ikke en .xlsx-fil: Angiv stien til selve filen.` : `${p.path} is a directory, not an .xlsx file: give the path of the file itself.`;
    case 'no-permission':
      return da ? `${p.path}: Adgang nægtet. Tjek filens rettigheder.` : `${p.path}: permission denied; check the file's permissions.`;
    case 'cannot-open':
      return da ? `${p.path} kunne ikke åbnes (${p.code}): Tjek at filen kan læses, og prøv igen.` : `${p.path} could not be opened (${p.code}): check that the file can be read and try again.`;
    case 'reader-failed':
      return da ? `${L} kunne ikke læses som en Excel-projektmappe: ${resave}` : `${L} could not be read as an xlsx workbook: ${resave}`;
  }
}

export function problemMessages(p: ReadProblem, file: string | null): Messages {
  return {
    da: sentence(p, file ?? 'Filen', 'da'),
    en: sentence(p, file ?? 'The file', 'en'),
  };
}
