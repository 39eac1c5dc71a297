/**
 * Hent medlemstal: the year's membership export, fetched from the service with the pane's token (a Bearer
 * header; the service refuses ?token=) and opened in Excel as a new workbook, so the person saves it where
 * they like. The CSV files, for systems that want CSV, are offered as downloads where the host can save one
 * (Excel on the web runs the pane in a browser: a Blob and <a download>); the desktop pane cannot, and the
 * view says where to get them. Nothing here touches Office.js (the adapter opens the workbook) or the DOM.
 */
import type { Lang } from '../shared/schemas';
import * as api from './api';
import type { MessageKey } from './i18n';
import type { ServiceSettings } from './settings';

/** The export's CSV files, one per level, so a column sum counts each member once (server/routes/exports.ts). */
export const csvFiles: Array<{ file: string; label: MessageKey }> = [
  { file: 'membership.csv', label: 'exportCsvAssociations' },
  { file: 'membership-districts.csv', label: 'exportCsvDistricts' },
  { file: 'membership-years.csv', label: 'exportCsvYears' },
];

/** A file ready to save: its name and an object URL of its bytes (a Blob) for <a download>. */
export interface OfferedFile {
  label: MessageKey | null;
  fileName: string;
  url: string;
  bytes: number;
}

export type CsvOffer =
  | { kind: 'offered'; files: OfferedFile[] }
  /** The host cannot save a download from the pane (desktop Excel). */
  | { kind: 'host-cannot-download' }
  | { kind: 'failed'; failure: api.ServiceFailure | { kind: 'not-found'; message: string } };

export type ExportOutcome =
  | {
      kind: 'done';
      year: number;
      fileName: string;
      /** True when Excel opened the workbook; false when this Excel cannot (then `xlsx` may offer it as a file). */
      opened: boolean;
      xlsx: OfferedFile | null;
      csv: CsvOffer;
    }
  /** The year has no version with membership figures. */
  | { kind: 'no-figures'; year: number }
  /** The address answered, but not with a workbook (a proxy's page, another service). */
  | { kind: 'not-a-workbook' }
  | api.ServiceFailure;

export interface ExportHost {
  settings: ServiceSettings;
  lang: Lang;
  /** Whether the host saves a download from the pane (Excel on the web) or not (the desktop pane). */
  canDownload: boolean;
  /** The adapter's openAsNewWorkbook (Excel.createWorkbook). */
  openWorkbook: (base64: string) => Promise<void>;
}

/** Office's createWorkbook takes the .xlsx as base64; encoded in slices, as one call per byte would be slow. */
export function base64Of(bytes: ArrayBuffer): string {
  const view = new Uint8Array(bytes);
  let binary = '';
  for (let i = 0; i < view.length; i += 0x8000) binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The object URLs of the last offer: freed when the next one replaces it, so the pane does not hold old files. */
let offeredUrls: string[] = [];

function offer(bytes: ArrayBuffer, type: string, fileName: string, label: MessageKey | null): OfferedFile {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  offeredUrls.push(url);
  return { label, fileName, url, bytes: bytes.byteLength };
}

const isXlsx = (bytes: ArrayBuffer) => {
  const head = new Uint8Array(bytes, 0, Math.min(4, bytes.byteLength));
  // Every .xlsx is a zip: "PK\x03\x04".
  return head.length === 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 3 && head[3] === 4;
};

export async function fetchMembershipExport(host: ExportHost, year: number): Promise<ExportOutcome> {
  for (const url of offeredUrls) URL.revokeObjectURL(url);
  offeredUrls = [];
  const xlsx = await api.exportFile(host.settings, year, 'membership.xlsx', host.lang);
  if (xlsx.kind === 'not-found') return { kind: 'no-figures', year };
  if (xlsx.kind !== 'ok') return xlsx;
  if (!isXlsx(xlsx.bytes)) return { kind: 'not-a-workbook' };

  let opened = true;
  try {
    await host.openWorkbook(base64Of(xlsx.bytes));
  } catch {
    // An Excel without ExcelApi 1.8 (or one that refuses the file): the person gets the file another way.
    opened = false;
  }
  const xlsxOffer = !opened && host.canDownload ? offer(xlsx.bytes, xlsx.type, xlsx.fileName, null) : null;

  let csv: CsvOffer;
  if (!host.canDownload) {
    csv = { kind: 'host-cannot-download' };
  } else {
    const files: OfferedFile[] = [];
    csv = { kind: 'offered', files };
    for (const { file, label } of csvFiles) {
      const got = await api.exportFile(host.settings, year, file, host.lang);
      if (got.kind !== 'ok') {
        csv = { kind: 'failed', failure: got };
        break;
      }
      files.push(offer(got.bytes, got.type, got.fileName, label));
    }
  }
  return { kind: 'done', year, fileName: xlsx.fileName, opened, xlsx: xlsxOffer, csv };
}
