/**
 * The API's messages written since answers got a language: each in Danish and English, chosen by the
 * caller's language. (The older messages are still English text in the routes.)
 */
import type { Lang } from '../shared/schemas';
import type { SnapshotMeta } from '../shared/snapshot';
import type { UnavailableReason } from './db/unavailable';

type Texts<A extends unknown[]> = Record<Lang, (...args: A) => string>;

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

/** A copenhagen time of a snapshot, as its reader reads it. */
const when: Record<Lang, Intl.DateTimeFormat> = {
  da: new Intl.DateTimeFormat('da-DK', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Copenhagen' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Copenhagen' }),
};

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
      `Tallene er de samme som i versionen fra ${when.da.format(new Date(earlier.createdAt))} (gemt af ${earlier.createdBy}). ` +
      'De er gemt som en ny version og er nu årets seneste version igen.',
    en: (earlier) =>
      `The figures are those of the version of ${when.en.format(new Date(earlier.createdAt))} (saved by ${earlier.createdBy}). ` +
      "They are saved as a new version and are the year's latest version again.",
  } satisfies Texts<[SnapshotMeta]>,
};
