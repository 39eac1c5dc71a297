/**
 * Every message the API answers with, in Danish and English, chosen by the caller's language
 * (server/routes/lang.ts). Codes are the interface and never change with the language; these are for people.
 * A stored snapshot is a "version" here, as in the pane and the README. Nothing a caller sent is repeated
 * unless shown() lets it through, since a message is displayed, logged and may be stored by the client.
 */
import type { Lang } from '../shared/schemas';
import type { SnapshotMeta } from '../shared/snapshot';
import { textHasPersonalData } from '../shared/rules/personal-data';
import { describeTextProblem, textProblem, type TextProblem } from '../shared/text-safety';
import type { ConflictCase } from '../shared/wire';
import type { UnavailableReason } from './db/unavailable';

type Texts<A extends unknown[]> = Record<Lang, (...args: A) => string>;

/** Which route a save came through: the JSON body (POST /api/snapshots) or an upload (POST /api/workbooks). */
export type SaveRoute = 'json' | 'upload';

/** Where a request is not valid. */
export type RequestPart = 'body' | 'query' | 'path';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A caller's text, when a message may repeat it: short, clean, and not what looks like a CPR number. */
export function shown(text: string, max = 120): string | null {
  if (text.length > max || textProblem(text) !== null || textHasPersonalData(text)) return null;
  return text;
}

const reasons: Record<UnavailableReason, Record<Lang, string>> = {
  refused: {
    da: 'den tager ikke imod forbindelser; måske er den stoppet eller ved at genstarte',
    en: 'it does not accept connections; it may be stopped or restarting',
  },
  timeout: { da: 'den svarede ikke i tide', en: 'it did not answer in time' },
  lost: { da: 'forbindelsen til den blev afbrudt', en: 'the connection to it was broken off' },
  starting: { da: 'den er ved at starte eller lukke ned', en: 'it is starting up or shutting down' },
  failing: { da: 'den svarede med en fejl, som står i tjenestens log', en: "it answered with an error, which is in the service's log" },
};

/** A Copenhagen time of a version, as its reader reads it. */
const when: Record<Lang, Intl.DateTimeFormat> = {
  da: new Intl.DateTimeFormat('da-DK', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Copenhagen' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Copenhagen' }),
};
const at = (lang: Lang, iso: string) => when[lang].format(new Date(iso));

const whereDa: Record<RequestPart, string> = {
  body: 'Anmodningens indhold er ikke gyldigt',
  query: 'Parametrene i adressen er ikke gyldige',
  path: 'Adressen er ikke gyldig',
};
const whereEn: Record<RequestPart, string> = {
  body: 'The request body is not valid',
  query: "The request's query parameters are not valid",
  path: 'The request path is not valid',
};

/** A finding as the end of a sentence: one full stop, whether or not the finding brings its own. */
const sentenceEnd = (s: string) => (/[.!?]$/.test(s) ? s : `${s}.`);

/** "1 error", "15 errors"; Danish "fejl" is both. */
const errorsEn = (n: number) => `${n.toLocaleString('en-GB')} error${n === 1 ? '' : 's'}`;
const errorsDa = (n: number) => `${n.toLocaleString('da-DK')} fejl`;

/** How to save again after a 409, in the syntax of the route it came through. */
function saveAgain(route: SaveRoute, id: string, lang: Lang): string {
  if (route === 'upload') {
    return lang === 'da'
      ? `send projektmappen igen med ?save=true&basedOn=${id} for at bygge på den version, eller med ?save=true&force=true for at gemme dine tal i stedet`
      : `send the workbook again with ?save=true&basedOn=${id} to build on that version, or with ?save=true&force=true to store your figures instead`;
  }
  return lang === 'da'
    ? `send igen med "basedOn": "${id}" for at bygge på den version, eller med "force": true for at gemme dine tal i stedet`
    : `send again with "basedOn": "${id}" to build on that version, or with "force": true to store your figures instead`;
}

function savedBy(latest: SnapshotMeta, lang: Lang): string {
  const by = shown(latest.createdBy);
  if (lang === 'da') return `versionen fra ${at('da', latest.createdAt)}${by ? `, gemt af ${by}` : ''}`;
  return `the version of ${at('en', latest.createdAt)}${by ? `, saved by ${by}` : ''}`;
}

export const messages = {
  databaseUnavailable: {
    da: (reason) =>
      `Databasen kan ikke nås lige nu (${reasons[reason].da}). Prøv igen om lidt; det er sikkert at gemme de samme tal igen. ` +
      'Sig det til administratoren, hvis det varer ved.',
    en: (reason) =>
      `The database cannot be reached right now (${reasons[reason].en}). Try again in a moment; saving the same figures again is safe. ` +
      'Tell the administrator if it lasts.',
  } satisfies Texts<[UnavailableReason]>,

  revert: {
    da: (earlier) =>
      `Tallene er de samme som i versionen fra ${at('da', earlier.createdAt)} (gemt af ${shown(earlier.createdBy) ?? 'en anden'}). ` +
      'De er gemt som en ny version og er nu årets seneste version igen.',
    en: (earlier) =>
      `The figures are those of the version of ${at('en', earlier.createdAt)} (saved by ${shown(earlier.createdBy) ?? 'someone else'}). ` +
      "They are saved as a new version and are the year's latest version again.",
  } satisfies Texts<[SnapshotMeta]>,

  internal: {
    da: () => 'Tjenesten kunne ikke besvare anmodningen; fejlen står i dens log. Prøv igen, eller sig det til administratoren.',
    en: () => "The service failed to answer this request; the error is in its log. Try again, or tell the administrator.",
  } satisfies Texts<[]>,

  noRoute: {
    da: (method, path) =>
      path === null
        ? `Adressen findes ikke i API'et (${method}). Se afsnittet om API'et i README.`
        : `${method} ${path} findes ikke i API'et. Se afsnittet om API'et i README.`,
    en: (method, path) => (path === null ? `No such route (${method}). See the README's API section.` : `No route ${method} ${path}. See the README's API section.`),
  } satisfies Texts<[string, string | null]>,

  // ------------------------------------------------------------------ the pane's files (server/static.ts)
  /** A file under /addin/ that is not there: the pane's own address when it is built, the build command when not. */
  paneFileMissing: {
    da: (path, built) =>
      built
        ? `Ruden har ingen fil ${path ?? 'med den adresse'}. Ruden åbnes på /addin/ (eller /addin/taskpane.html).`
        : 'Ruden er ikke bygget på denne tjeneste. Byg den med: npm run build:addin (npm start gør det selv).',
    en: (path, built) =>
      built
        ? `The pane has no file ${path ?? 'at that address'}. The pane opens at /addin/ (or /addin/taskpane.html).`
        : 'The pane is not built on this service. Build it with: npm run build:addin (npm start does it itself).',
  } satisfies Texts<[string | null, boolean]>,
  officeJsMissing: {
    da: (path) => `office.js har ingen fil ${path ?? 'med den adresse'}.`,
    en: (path) => `office.js has no file ${path ?? 'at that address'}.`,
  } satisfies Texts<[string | null]>,

  // ------------------------------------------------------------------ 401 / 403
  noToken: {
    da: () => 'Send en adgangsnøgle: "Authorization: Bearer <nøgle>". Få en af den, der driver tjenesten.',
    en: () => 'Send an access token: "Authorization: Bearer <token>". Ask whoever runs the service for one.',
  } satisfies Texts<[]>,
  unknownToken: {
    da: () => 'Adgangsnøglen er ukendt eller tilbagekaldt. Bed en administrator om en ny.',
    en: () => 'The token is unknown or revoked. Ask an admin for a new one.',
  } satisfies Texts<[]>,
  signOnRejected: {
    da: (expired) => `Login-tokenet blev ikke godkendt (${expired ? 'det er udløbet' : 'det er ikke gyldigt for denne tjeneste'}). Log ind igen.`,
    en: (expired) => `The sign-on token was not accepted (${expired ? 'it has expired' : 'it is not valid for this service'}). Sign in again.`,
  } satisfies Texts<[boolean]>,
  signOnNoRole: {
    da: (claim) => `Login-tokenet har ingen Partnerskab-rolle i feltet "${claim}". Bed en administrator om at tildele Reader, Editor eller Admin.`,
    en: (claim) => `The sign-on token carries no Partnerskab role in the "${claim}" claim. Ask an admin to assign Reader, Editor or Admin.`,
  } satisfies Texts<[string]>,
  forbidden: {
    da: (needed, name, has) => `Det kræver rollen ${needed}; adgangsnøglen${name ? ` "${name}"` : ''} har rollen ${has}. Bed en administrator om en nøgle med rollen ${needed}.`,
    en: (needed, name, has) => `This needs the ${needed} role; the token${name ? ` "${name}"` : ''} has ${has}. Ask an admin for a token with the ${needed} role.`,
  } satisfies Texts<[string, string | null, string]>,

  // ------------------------------------------------------------------ 400
  invalidRequest: {
    da: (where, first) => `${whereDa[where]}: ${first.path}: ${sentenceEnd(first.message)}`,
    en: (where, first) => `${whereEn[where]}: ${first.path}: ${sentenceEnd(first.message)}`,
  } satisfies Texts<[RequestPart, { path: string; message: string }]>,
  malformedJson: {
    da: (position) => `Anmodningens indhold er ikke gyldig JSON${position === null ? '' : ` (fejl ved tegn ${position + 1})`}. Send arkene som JSON, sådan som tilføjelsesprogrammet gør.`,
    en: (position) => `The request body is not valid JSON${position === null ? '' : ` (wrong at character ${position + 1})`}. Send the sheets as JSON, as the add-in does.`,
  } satisfies Texts<[number | null]>,
  badFileName: {
    da: (finding) => `Filnavnet på den uploadede fil kan ikke bruges: ${sentenceEnd(finding)} Omdøb filen, og upload den igen.`,
    en: (finding) => `The file name of the upload cannot be used: ${sentenceEnd(finding)} Rename the file and upload it again.`,
  } satisfies Texts<[string]>,
  malformedMultipart: {
    da: () => 'Multipart-indholdet kunne ikke læses. Send projektmappen i feltet "file" (curl: -F "file=@Budget.xlsx").',
    en: () => 'The multipart body could not be read. Send the workbook in the field "file" (curl: -F "file=@Budget.xlsx").',
  } satisfies Texts<[]>,
  missingFile: {
    da: () => 'Send projektmappen i multipart-feltet "file" (curl: -F "file=@Budget.xlsx").',
    en: () => 'Send the workbook in the multipart field "file" (curl: -F "file=@Budget.xlsx").',
  } satisfies Texts<[]>,
  unknownBasedOn: {
    da: (year, route) =>
      `${route === 'upload' ? '?basedOn=' : '"basedOn"'} nævner ingen version af ${year}. Send id'et på den version af året, du sidst hentede, eller udelad det ved årets første gemning.`,
    en: (year, route) =>
      `${route === 'upload' ? '?basedOn=' : '"basedOn"'} names no version of ${year}. Send the id of the year's version you last read, or leave it out for the year's first save.`,
  } satisfies Texts<[number, SaveRoute]>,

  // ------------------------------------------------------------------ 404
  noVersionWithId: {
    da: (id, year) => (year === null ? `Ingen version har id'et ${id}.` : `Ingen version af ${year} har id'et ${id}.`),
    en: (id, year) => (year === null ? `No version has the id ${id}.` : `No version of ${year} has the id ${id}.`),
  } satisfies Texts<[string, number | null]>,
  noAgainstVersion: {
    da: (id) => `?against= nævner ingen version: ingen version har id'et ${id}. Brug id'et på en gemt version (GET /api/snapshots).`,
    en: (id) => `?against= names no version: no version has the id ${id}. Use the id of a saved version (GET /api/snapshots).`,
  } satisfies Texts<[string]>,
  noVersionYet: {
    da: (year) => `Der er endnu ikke gemt nogen version for ${year}. Gem årets projektmappe først (POST /api/snapshots eller POST /api/workbooks?save=true).`,
    en: (year) => `No version has been saved for ${year} yet. Save the year's workbook first (POST /api/snapshots or POST /api/workbooks?save=true).`,
  } satisfies Texts<[number]>,
  noMembershipYet: {
    da: (year) => `Der er endnu ikke gemt nogen version af ${year} med medlemstal. Gem årets projektmappe med medlemsarket først.`,
    en: (year) => `No version of ${year} with membership figures has been saved yet. Save the year's workbook with its membership sheet first.`,
  } satisfies Texts<[number]>,
  noToken404: {
    da: (idOrName) => (idOrName === null ? 'Ingen aktiv adgangsnøgle har det navn eller id.' : `Ingen aktiv adgangsnøgle hedder eller har id'et "${idOrName}".`),
    en: (idOrName) => (idOrName === null ? 'No active token has that name or id.' : `No active token is named or has the id "${idOrName}".`),
  } satisfies Texts<[string | null]>,

  // ------------------------------------------------------------------ 409
  conflict: {
    da: (kase, latest, route) =>
      (kase === 'saved-since'
        ? `Nogen har gemt en nyere version af ${latest.year}, efter at din kopi blev hentet: ${savedBy(latest, 'da')}. `
        : `${latest.year} har allerede en gemt version, som din kopi ikke bygger på: ${savedBy(latest, 'da')}. `) +
      `Intet blev gemt. Se forskellene, og ${saveAgain(route, latest.id, 'da')}.`,
    en: (kase, latest, route) =>
      (kase === 'saved-since'
        ? `Someone saved a newer version of ${latest.year} after your copy was fetched: ${savedBy(latest, 'en')}. `
        : `${latest.year} already has a saved version that your copy was not made from: ${savedBy(latest, 'en')}. `) +
      `Nothing was stored. Look at the differences, then ${saveAgain(route, latest.id, 'en')}.`,
  } satisfies Texts<[ConflictCase, SnapshotMeta, SaveRoute]>,
  tokenNameTaken: {
    da: (name) => `En aktiv adgangsnøgle hedder allerede "${name}". Tilbagekald den først, eller vælg et andet navn.`,
    en: (name) => `An active token is already named "${name}". Revoke it first or choose another name.`,
  } satisfies Texts<[string]>,

  // ------------------------------------------------------------------ 413 / 415 / 422
  bodyTooLarge: {
    da: (mb) => `Anmodningen er større end ${mb} MB, grænsen for denne adresse. Send en mindre projektmappe.`,
    en: (mb) => `The request body is larger than ${mb} MB, the limit for this route. Send a smaller workbook.`,
  } satisfies Texts<[number]>,
  workbookTooLarge: {
    da: (mb) => `Projektmappen er større end ${mb} MB, grænsen for en upload. Slet ark og rækker, som ikke hører til budgettet eller medlemstallene, og prøv igen.`,
    en: (mb) => `The workbook is larger than ${mb} MB, the upload limit. Delete sheets and rows that are not part of the budget or the membership figures, and try again.`,
  } satisfies Texts<[number]>,
  tooBigToCheck: {
    da: (f) => (f.kind === 'too-slow'
      ? `Arkene kunne ikke kontrolleres på ${(f.ms / 1000).toLocaleString('da-DK')} s, og kontrollen blev stoppet: de er langt større end et budget- eller medlemsark. Send kun budget- og medlemsarkene.`
      : `Kontrollen af arkene krævede mere end ${f.mb} MB hukommelse og blev stoppet: de er langt større end et budget- eller medlemsark. Send kun budget- og medlemsarkene.`),
    en: (f) => (f.kind === 'too-slow'
      ? `The sheets could not be checked within ${f.ms / 1000} s, and the check was stopped: they are far larger than a budget or membership sheet. Send only the budget and membership sheets.`
      : `Checking the sheets needed more than ${f.mb} MB of memory and was stopped: they are far larger than a budget or membership sheet. Send only the budget and membership sheets.`),
  } satisfies Texts<[{ kind: 'too-slow'; ms: number } | { kind: 'out-of-memory'; mb: number }]>,
  notJson: {
    da: (type) => `Send indholdet som JSON med "Content-Type: application/json" (fik ${type === null ? 'ingen' : `"${type}"`}).`,
    en: (type) => `Send the body as JSON with "Content-Type: application/json" (got ${type === null ? 'none' : `"${type}"`}).`,
  } satisfies Texts<[string | null]>,
  notXlsxUpload: {
    da: () => `Send .xlsx-filen som multipart/form-data (feltet "file") eller som filens bytes med "Content-Type: ${XLSX_TYPE}".`,
    en: () => `Upload the .xlsx as multipart/form-data (field "file") or as the file's bytes with "Content-Type: ${XLSX_TYPE}".`,
  } satisfies Texts<[]>,
  invalidWorkbook: {
    da: (errors) => `Arkene har ${errorsDa(errors)}; intet blev gemt. Ret ${errors === 1 ? 'fejlen' : 'fejlene'}, og gem igen.`,
    en: (errors) => `The sheets have ${errorsEn(errors)}; nothing was stored. Fix ${errors === 1 ? 'it' : 'them'} and save again.`,
  } satisfies Texts<[number]>,

  // ------------------------------------------------------------------ fields (the issues of a 400)
  field: {
    langValue: { da: () => 'skal være "da" (dansk) eller "en" (engelsk)', en: () => 'must be "da" (Danish) or "en" (English)' } satisfies Texts<[]>,
    textProblem: {
      da: (p) => describeTextProblem(p, 'Teksten', 'da'),
      en: (p) => describeTextProblem(p, 'The text', 'en'),
    } satisfies Texts<[TextProblem]>,
    personalData: {
      da: () => 'Teksten ser ud til at indeholde et CPR-nummer. Fjern det; personoplysninger bliver hverken gemt eller sendt.',
      en: () => 'The text looks like it holds a CPR number. Remove it; personal data is neither stored nor sent.',
    } satisfies Texts<[]>,
  },
};
