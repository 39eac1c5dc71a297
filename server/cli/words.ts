/**
 * Everything the CLI says outside the report itself, in Danish (the default) and English. Option names,
 * rule codes and roles are the same in both: they are what a person types.
 */
import { copenhagen } from '../../shared/config';
import { modelName } from '../../shared/model-words';
import type { Lang, ModelId } from '../../shared/schemas';
import type { SkipReason } from '../xlsx/patch-cells';

const changePercent = Math.round(copenhagen.membershipChangeMax * 100);
const firstYear = Math.min(...copenhagen.models.map((m) => m.fromYear));
const cmd = 'npm run --silent cli --';

const da = {
  help: `Partnerskab — Sociale partnerskaber, Københavns Kommune

Brug: ${cmd} <kommando> [tilvalg]

Kommandoer:
  validate FIL.xlsx [--year ÅÅÅÅ] [--previous FIL.xlsx] [--fix NY.xlsx [--force]] [--format text|json]
      Tjekker budget- og medlemstalsarkene mod programmets regler og viser fundene med celle og tallene pr.
      bydel; --fix skriver en rettet kopi. Afslutningskode 0: ingen fejl, 1: fejl fundet, 2: filen eller
      tilvalgene kunne ikke bruges.
  template --out FIL.xlsx [--year ÅÅÅÅ] [--force]
      Skriver en tom projektmappe i programmets layout (overskrifter, rullelister, kr.-formater).
  token create | list | revoke
      Laver, viser og tilbagekalder tjenestens nøgler (tokens) i databasen, som DATA_DIR eller DATABASE_URL angiver.

Fælles tilvalg:
  --lang da|en   Sproget (dansk som standard; engelsk også, når LANG er engelsk, fx en_GB.UTF-8).
  -h, --help     Vis hjælpen. "${cmd} KOMMANDO --help" viser hjælpen til én kommando.`,

  validateHelp: `Brug: ${cmd} validate FIL.xlsx [tilvalg]

Tjekker en projektmappe med et budgetark og/eller et medlemstalsark mod programmets regler og viser hvert
fund med ark og celle, derefter tallene pr. bydel, lokalområde og finansiering.

Tilvalg:
  --year ÅÅÅÅ          Programåret. Uden --year tages året fra en År-kolonne, arknavnet eller en titel over
                       overskriften.
  --previous FIL.xlsx  Sidste års projektmappe: en forening, hvis medlemstal under 25 har ændret sig mere end
                       ${changePercent} %, får en advarsel (change-vs-previous).
  --fix NY.xlsx        Skriv en rettet kopi med alle sikre rettelser (tekstbeløb som tal med kr.-format,
                       bydele, Ja/Nej og partnerskab stavet som programmet staver dem), og vis hver ændret
                       celle. Selve filen ændres aldrig; formler, formater og alt andet i kopien er som i filen.
  --force              Overskriv NY.xlsx, hvis den findes.
  --format text|json   text (standard) til at læse, json til scripts.
  --lang da|en         Sproget (dansk som standard).
  -h, --help           Vis denne hjælp.

Afslutningskode (for filen, også med --fix): 0 ingen fejl (advarsler og oplysninger er tilladt), 1 fejl fundet,
2 filen kunne ikke læses, eller et tilvalg er forkert (én linje på stderr siger hvorfor).`,

  templateHelp: `Brug: ${cmd} template --out FIL.xlsx [--year ÅÅÅÅ] [--force]

Skriver en tom projektmappe i programmets layout: arkene "Budget ÅÅÅÅ" og "Medlemstal ÅÅÅÅ" med de danske
overskrifter for årets model, rullelister for bydel, partnerskab, Ja/Nej og finansiering, kr.-formater og en
fastfrosset overskriftsrække.

Tilvalg:
  --out FIL.xlsx   Filen, der skrives (navnet skal ende på .xlsx; uden endelse tilføjes .xlsx).
  --year ÅÅÅÅ      Programåret. Uden --year bruges et årstal i filnavnet (skabelon-2025.xlsx), ellers året
                   i dag; linjen efter siger, hvilket år det blev.
  --force          Overskriv filen, hvis den findes.
  --lang da|en     Sproget (dansk som standard).
  -h, --help       Vis denne hjælp.`,

  tokenHelp: `Brug: ${cmd} token create --name NAVN [--role reader|editor|admin] [--silent]
      ${cmd} token list
      ${cmd} token revoke NAVN-ELLER-ID

Laver, viser og tilbagekalder tjenestens nøgler (tokens) direkte i databasen, som DATA_DIR (standard ./data)
eller DATABASE_URL angiver. Kører tjenesten på den indbyggede database, bruger den databasen selv: stop
tjenesten først, eller lad en administrator gøre det samme gennem tjenesten (POST, GET og DELETE /api/tokens).

  create   Laver en nøgle og viser den én gang. --role: reader (læse, standard), editor (også gemme
           versioner), admin (også nøgler). --silent skriver kun nøglen (til scripts).
  list     Viser nøglerne med navn, rolle, status og tidspunkt (aldrig selve nøglen).
  revoke   Tilbagekalder den aktive nøgle med det navn eller id.`,

  unknownCommand: (c: string) => `Kommandoen "${c}" findes ikke. Brug validate, template eller token (se --help).`,
  unknownOption: (command: string, o: string) => `${command}: tilvalget ${o} findes ikke (se "${cmd} ${command} --help").`,
  missingValue: (command: string, o: string, what: string) => `${command}: ${o} skal efterfølges af ${what}.`,
  noValueAllowed: (command: string, o: string) => `${command}: ${o} tager ingen værdi.`,
  repeated: (command: string, o: string) => `${command}: ${o} er angivet mere end én gang.`,
  badLang: (v: string) => (v === '' ? '--lang skal efterfølges af da eller en.' : `--lang skal være da eller en, ikke "${v}".`),
  badYear: (v: string) => `--year skal være et årstal med fire cifre, fx 2025, ikke "${v}".`,
  yearBeforeProgramme: (y: number) => `--year ${y}: programmet begyndte i ${firstYear}, så der er ingen model for ${y}.`,
  badFormat: (v: string) => `--format skal være text eller json, ikke "${v}".`,
  value: { year: 'et årstal (ÅÅÅÅ)', file: 'et filnavn', text: 'en værdi', format: 'text eller json', name: 'et navn', role: 'reader, editor eller admin' },

  validateNoFile: `validate: angiv projektmappen, fx "${cmd} validate budget-2025.xlsx".`,
  validateManyFiles: (extra: string) => `validate: tjekker én projektmappe ad gangen; "${extra}" er en fil for meget (tilvalg skrives med --).`,
  forceWithoutFix: '--force bruges kun sammen med --fix NY.xlsx (validate ændrer aldrig selve filen).',
  fixIsInput: (f: string) => `--fix ${f} er selve filen, der tjekkes: giv den rettede kopi et andet navn, fx ${f.replace(/\.xlsx$/i, '')}-rettet.xlsx.`,
  previousIsInput: '--previous skal være sidste års projektmappe, ikke den samme fil.',
  fixHeader: (out: string, n: number) => `Rettet i kopien ${out} (${n} ${n === 1 ? 'celle' : 'celler'}):`,
  fixNumber: (format: string | undefined) => (format ? `tal, formatet ${format}` : 'tal'),
  fixEmpty: 'tom',
  fixSkipped: (where: string, reason: SkipReason) =>
    `  ${where}: ikke rettet, ${reason === 'formula' ? 'cellen har en formel' : reason === 'no-sheet' ? 'arket findes ikke i filen' : 'cellen findes ikke i arket'}.`,
  fixRecalculated: (cells: string[]) =>
    `Formlerne i ${listDa(cells)} bygger på rettede celler: kopien har ikke deres gamle resultat, og Excel regner dem ud, når kopien åbnes.`,
  fixFormatsLeftOut: (n: number) => `${n} tal fik ikke kr.-format: filen har ingen formater at tilføje det til.`,
  fixCopyReport: (counts: string) => `Kopien giver ${counts}.`,
  fixWrote: (out: string, file: string) => `Skrev ${out}; ${file} er uændret.`,
  fixNone: (file: string) => `${file} har ingen sikre rettelser, så der er ikke skrevet nogen kopi.`,
  fixUnreadable: (out: string) => `Den rettede kopi kunne ikke læses igen, så ${out} er ikke skrevet. Send filen til den, der driver tjenesten.`,
  previousLabel: (f: string) => `--previous ${f}`,

  templateNoOut: `template: angiv filen med --out, fx "${cmd} template --year 2025 --out skabelon-2025.xlsx".`,
  templatePositional: (p: string) => `template: "${p}" forstås ikke; filnavnet angives med --out.`,
  outNotXlsx: (o: string, opt: string, ext: string) =>
    `${opt} ${o}: filen bliver en Excel-projektmappe og skal hedde .xlsx, ikke ${ext} (en CSV-fil kan ikke holde to ark, rullelister og formater).`,
  exists: (o: string, opt: string) => `${o} findes allerede. Vælg et andet navn med ${opt}, eller tilføj --force for at overskrive den.`,
  cannotWrite: (o: string, code: string | undefined) =>
    code === 'ENOENT'
      ? `Kunne ikke skrive ${o}: mappen findes ikke. Opret den først, eller vælg en anden mappe.`
      : code === 'EACCES' || code === 'EPERM'
        ? `Kunne ikke skrive ${o}: ingen adgang til mappen eller filen. Vælg en anden mappe.`
        : code === 'EBUSY'
          ? `Kunne ikke skrive ${o}: filen er åben i et andet program (fx Excel). Luk den og prøv igen.`
          : `Kunne ikke skrive ${o}${code ? ` (${code})` : ''}: tjek at mappen findes, og at filen ikke er åben i Excel.`,
  wroteTemplate: (o: string, budget: string, membership: string, model: ModelId) =>
    `Skrev ${o}: arkene "${budget}" og "${membership}" (${modelName(model, 'da')}).`,
  yearSource: {
    option: (y: number) => `Programåret er ${y} (--year).`,
    fileName: (y: number, f: string) => `Programåret er ${y}, taget fra filnavnet ${f}. Brug --year for et andet år.`,
    today: (y: number) => `Programåret er ${y}, året i dag, da hverken --year eller filnavnet angiver et år. Brug --year for et andet år.`,
  },

  tokenNoSub: `token: angiv create, list eller revoke (se "${cmd} token --help").`,
  tokenUnknownSub: (s: string) => `token: "${s}" findes ikke; brug create, list eller revoke (se "${cmd} token --help").`,
  tokenNeedsName: `token create: angiv nøglens navn med --name, fx --name "Økonomi".`,
  tokenBadRole: (r: string) => `token create: --role skal være reader, editor eller admin, ikke "${r}".`,
  tokenNameTooLong: (n: number) => `token create: navnet har ${n} tegn; højst 100.`,
  tokenRevokeNeedsName: `token revoke: angiv nøglens navn eller id, fx "${cmd} token revoke Økonomi" (se token list).`,
  tokenExtra: (sub: string, p: string) => `token ${sub}: "${p}" forstås ikke (se "${cmd} token --help").`,
  tokenDbLocked: (sub: string, dir: string, pid: number | null, url: string) =>
    `Tjenesten${pid ? ` (proces ${pid})` : ''} bruger databasen i ${dir}, og den indbyggede database kan kun bruges af ét program ad gangen. ` +
    `Stop tjenesten og kør kommandoen igen, eller ${tokenApiDa(sub, url)} med en admin-nøgle, mens tjenesten kører.`,
  tokenDbFailed: (where: string, detail: string) => `token: kunne ikke åbne ${where}${detail ? ` (${detail})` : ''}. Tjek DATABASE_URL eller DATA_DIR.`,
  tokenDbBadUrl: 'DATABASE_URL skal være en postgres://-adresse (eller lad den være tom for at bruge den indbyggede database i DATA_DIR).',
  tokenCreated: (role: string, name: string, where: string, token: string) =>
    `Lavede ${role}-nøglen "${name}" i ${where}. Den vises kun denne ene gang:\n\n  ${token}\n\nBrug den som: Authorization: Bearer <nøgle> (eller indsæt den under Indstillinger i tilføjelsesprogrammet).`,
  tokenNameTaken: (name: string) => `token create: der er allerede en aktiv nøgle med navnet "${name}". Tilbagekald den først (token revoke "${name}"), eller vælg et andet navn.`,
  tokenListEmpty: (where: string) => `Ingen nøgler i ${where}. Lav en med "${cmd} token create --name NAVN --role editor".`,
  tokenListHeader: ['Navn', 'Rolle', 'Status', 'Oprettet (UTC)', 'Id'],
  tokenActive: 'aktiv',
  tokenRevokedAt: (t: string) => `tilbagekaldt ${t}`,
  tokenNotFound: (name: string) => `token revoke: ingen aktiv nøgle har navnet eller id'et "${name}" (se token list).`,
  tokenRevoked: (name: string, role: string) => `Tilbagekaldte nøglen "${name}" (${role}). Tjenesten afviser den fra nu af.`,

  unexpected: (detail: string) => `Uventet fejl i kommandolinjeværktøjet (${detail}). Prøv igen; sker det igen, så send linjen til den, der driver tjenesten.`,
};

/** "A, B og C", with the first eight and a count of the rest. */
function listDa(items: string[]): string {
  const shown = items.length > 8 ? [...items.slice(0, 8), `${items.length - 8} andre`] : items;
  return shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(', ')} og ${shown[shown.length - 1]}`;
}

function listEn(items: string[]): string {
  const shown = items.length > 8 ? [...items.slice(0, 8), `${items.length - 8} more`] : items;
  return shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

function tokenApiDa(sub: string, url: string): string {
  if (sub === 'list') return `se nøglerne gennem tjenesten: GET ${url}/api/tokens`;
  if (sub === 'revoke') return `tilbagekald den gennem tjenesten: DELETE ${url}/api/tokens/NAVN`;
  return `lav nøglen gennem tjenesten: POST ${url}/api/tokens med {"name": "…", "role": "editor"}`;
}

function tokenApiEn(sub: string, url: string): string {
  if (sub === 'list') return `list them through the service: GET ${url}/api/tokens`;
  if (sub === 'revoke') return `revoke it through the service: DELETE ${url}/api/tokens/NAME`;
  return `create it through the service: POST ${url}/api/tokens with {"name": "…", "role": "editor"}`;
}

export type CliWords = typeof da;

const en: CliWords = {
  help: `Partnerskab — Sociale partnerskaber, Københavns Kommune

Usage: ${cmd} <command> [options]

Commands:
  validate FILE.xlsx [--year YYYY] [--previous FILE.xlsx] [--fix NEW.xlsx [--force]] [--format text|json]
      Check the budget and membership sheets against the programme's rules and print the findings with their
      cell and the totals per district; --fix writes a corrected copy. Exit code 0: no errors, 1: errors found,
      2: the file or the options could not be used.
  template --out FILE.xlsx [--year YYYY] [--force]
      Write an empty workbook in the programme's layout (headers, drop-downs, DKK formats).
  token create | list | revoke
      Create, list and revoke the service's tokens in the database DATA_DIR or DATABASE_URL names.

Common options:
  --lang da|en   The language (Danish by default; English also when LANG is English, e.g. en_GB.UTF-8).
  -h, --help     Show help. "${cmd} COMMAND --help" shows the help of one command.`,

  validateHelp: `Usage: ${cmd} validate FILE.xlsx [options]

Checks a workbook with a budget sheet and/or a membership sheet against the programme's rules and prints each
finding with its sheet and cell, then the totals per district (bydel), local area and funding source.

Options:
  --year YYYY          The programme year. Without --year it comes from a year column, the sheet name or a
                       title above the header row.
  --previous FILE.xlsx Last year's workbook: an association whose members under 25 changed by more than
                       ${changePercent} % gets a warning (change-vs-previous).
  --fix NEW.xlsx       Write a corrected copy with every safe fix (amounts written as text as numbers with the
                       DKK format; districts, Ja/Nej and tier spelt as the programme spells them) and list each
                       changed cell. The file itself is never changed; formulas, formats and everything else in
                       the copy are as in the file.
  --force              Overwrite NEW.xlsx if it exists.
  --format text|json   text (default) to read, json for scripts.
  --lang da|en         The language (Danish by default).
  -h, --help           Show this help.

Exit code (of the file, with --fix too): 0 no errors (warnings and info allowed), 1 errors found, 2 the file
could not be read or an option is wrong (one line on stderr says why).`,

  templateHelp: `Usage: ${cmd} template --out FILE.xlsx [--year YYYY] [--force]

Writes an empty workbook in the programme's layout: the sheets "Budget YYYY" and "Medlemstal YYYY" with the
Danish headers for the year's model, drop-downs for district, tier, Ja/Nej and funding source, DKK formats and
a frozen header row.

Options:
  --out FILE.xlsx  The file to write (the name must end in .xlsx; without an extension .xlsx is added).
  --year YYYY      The programme year. Without --year a year in the file name is used (skabelon-2025.xlsx),
                   else the current year; the line after says which year it was.
  --force          Overwrite the file if it exists.
  --lang da|en     The language (Danish by default).
  -h, --help       Show this help.`,

  tokenHelp: `Usage: ${cmd} token create --name NAME [--role reader|editor|admin] [--silent]
       ${cmd} token list
       ${cmd} token revoke NAME-OR-ID

Creates, lists and revokes the service's tokens directly in the database DATA_DIR (default ./data) or
DATABASE_URL names. A service running on the embedded database holds that database itself: stop the service
first, or let an administrator do the same through the service (POST, GET and DELETE /api/tokens).

  create   Creates a token and shows it once. --role: reader (read, the default), editor (also save
           versions), admin (also tokens). --silent prints the token alone (for scripts).
  list     Lists the tokens with name, role, status and time (never the token itself).
  revoke   Revokes the active token with that name or id.`,

  unknownCommand: (c) => `There is no command "${c}". Use validate, template or token (see --help).`,
  unknownOption: (command, o) => `${command}: there is no option ${o} (see "${cmd} ${command} --help").`,
  missingValue: (command, o, what) => `${command}: ${o} must be followed by ${what}.`,
  noValueAllowed: (command, o) => `${command}: ${o} takes no value.`,
  repeated: (command, o) => `${command}: ${o} is given more than once.`,
  badLang: (v) => (v === '' ? '--lang must be followed by da or en.' : `--lang must be da or en, not "${v}".`),
  badYear: (v) => `--year must be a four-digit year such as 2025, not "${v}".`,
  yearBeforeProgramme: (y) => `--year ${y}: the programme began in ${firstYear}, so there is no model for ${y}.`,
  badFormat: (v) => `--format must be text or json, not "${v}".`,
  value: { year: 'a year (YYYY)', file: 'a file name', text: 'a value', format: 'text or json', name: 'a name', role: 'reader, editor or admin' },

  validateNoFile: `validate: name the workbook, e.g. "${cmd} validate budget-2025.xlsx".`,
  validateManyFiles: (extra) => `validate: checks one workbook at a time; "${extra}" is one file too many (options start with --).`,
  forceWithoutFix: '--force goes only with --fix NEW.xlsx (validate never changes the file itself).',
  fixIsInput: (f) => `--fix ${f} is the file being checked: give the corrected copy another name, e.g. ${f.replace(/\.xlsx$/i, '')}-fixed.xlsx.`,
  previousIsInput: "--previous must be last year's workbook, not the same file.",
  fixHeader: (out, n) => `Changed in the copy ${out} (${n} ${n === 1 ? 'cell' : 'cells'}):`,
  fixNumber: (format) => (format ? `number, format ${format}` : 'number'),
  fixEmpty: 'empty',
  fixSkipped: (where, reason) =>
    `  ${where}: not changed, ${reason === 'formula' ? 'the cell holds a formula' : reason === 'no-sheet' ? 'the sheet is not in the file' : 'the cell is not in the sheet'}.`,
  fixRecalculated: (cells) =>
    `The formulas in ${listEn(cells)} read changed cells: the copy does not keep their old result, and Excel calculates them when the copy is opened.`,
  fixFormatsLeftOut: (n) => `${n} ${n === 1 ? 'number' : 'numbers'} got no DKK format: the file has no formats to add it to.`,
  fixCopyReport: (counts) => `The copy gives ${counts}.`,
  fixWrote: (out, file) => `Wrote ${out}; ${file} is unchanged.`,
  fixNone: (file) => `${file} has no safe fixes, so no copy was written.`,
  fixUnreadable: (out) => `The corrected copy could not be read back, so ${out} was not written. Send the file to whoever runs the service.`,
  previousLabel: (f) => `--previous ${f}`,

  templateNoOut: `template: name the file with --out, e.g. "${cmd} template --year 2025 --out skabelon-2025.xlsx".`,
  templatePositional: (p) => `template: "${p}" is not understood; the file name goes with --out.`,
  outNotXlsx: (o, opt, ext) =>
    `${opt} ${o}: the file is an Excel workbook and must be named .xlsx, not ${ext} (a CSV file cannot hold two sheets, drop-downs and formats).`,
  exists: (o, opt) => `${o} already exists. Choose another name with ${opt}, or add --force to overwrite it.`,
  cannotWrite: (o, code) =>
    code === 'ENOENT'
      ? `Could not write ${o}: the folder does not exist. Create it first, or choose another folder.`
      : code === 'EACCES' || code === 'EPERM'
        ? `Could not write ${o}: no permission for the folder or the file. Choose another folder.`
        : code === 'EBUSY'
          ? `Could not write ${o}: the file is open in another program (e.g. Excel). Close it and try again.`
          : `Could not write ${o}${code ? ` (${code})` : ''}: check that the folder exists and the file is not open in Excel.`,
  wroteTemplate: (o, budget, membership, model) => `Wrote ${o}: the sheets "${budget}" and "${membership}" (${modelName(model, 'en')}).`,
  yearSource: {
    option: (y) => `The programme year is ${y} (--year).`,
    fileName: (y, f) => `The programme year is ${y}, taken from the file name ${f}. Use --year for another year.`,
    today: (y) => `The programme year is ${y}, the current year, as neither --year nor the file name gives one. Use --year for another year.`,
  },

  tokenNoSub: `token: name create, list or revoke (see "${cmd} token --help").`,
  tokenUnknownSub: (s) => `token: there is no "${s}"; use create, list or revoke (see "${cmd} token --help").`,
  tokenNeedsName: 'token create: name the token with --name, e.g. --name "Økonomi".',
  tokenBadRole: (r) => `token create: --role must be reader, editor or admin, not "${r}".`,
  tokenNameTooLong: (n) => `token create: the name has ${n} characters; at most 100.`,
  tokenRevokeNeedsName: `token revoke: name the token or give its id, e.g. "${cmd} token revoke Økonomi" (see token list).`,
  tokenExtra: (sub, p) => `token ${sub}: "${p}" is not understood (see "${cmd} token --help").`,
  tokenDbLocked: (sub, dir, pid, url) =>
    `The service${pid ? ` (process ${pid})` : ''} is using the database in ${dir}, and the embedded database allows one program at a time. ` +
    `Stop the service and run the command again, or ${tokenApiEn(sub, url)} with an admin token while the service runs.`,
  tokenDbFailed: (where, detail) => `token: could not open ${where}${detail ? ` (${detail})` : ''}. Check DATABASE_URL or DATA_DIR.`,
  tokenDbBadUrl: 'DATABASE_URL must be a postgres:// URL (or leave it empty to use the embedded database in DATA_DIR).',
  tokenCreated: (role, name, where, token) =>
    `Created the ${role} token "${name}" in ${where}. It is shown only this once:\n\n  ${token}\n\nUse it as: Authorization: Bearer <token> (or paste it under Settings in the add-in).`,
  tokenNameTaken: (name) => `token create: an active token is already named "${name}". Revoke it first (token revoke "${name}"), or choose another name.`,
  tokenListEmpty: (where) => `No tokens in ${where}. Create one with "${cmd} token create --name NAME --role editor".`,
  tokenListHeader: ['Name', 'Role', 'Status', 'Created (UTC)', 'Id'],
  tokenActive: 'active',
  tokenRevokedAt: (t) => `revoked ${t}`,
  tokenNotFound: (name) => `token revoke: no active token has the name or id "${name}" (see token list).`,
  tokenRevoked: (name, role) => `Revoked the token "${name}" (${role}). The service refuses it from now on.`,

  unexpected: (detail) => `Unexpected error in the command-line tool (${detail}). Try again; if it happens again, send this line to whoever runs the service.`,
};

export function wordsFor(lang: Lang): CliWords {
  return lang === 'en' ? en : da;
}
