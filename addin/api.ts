/**
 * The snapshot service, seen from the pane: every call returns a value describing what happened (saved,
 * conflict, refused, unreachable, token refused…) and never throws, so the UI can say it in words and keep
 * working offline.
 */
import { looksLikeDateFormat } from '../shared/read/cells';
import type { Issue, Lang, SheetGrid } from '../shared/schemas';
import type { SnapshotDiff, SnapshotMeta } from '../shared/snapshot';
import type { ConflictCase, DistrictTotalsAnswer, SavedAnswer, SnapshotRequest, TrendAnswer } from '../shared/wire';

export type { DistrictTotalsAnswer, SnapshotMeta, SnapshotRequest, TrendAnswer };
import type { ServiceSettings } from './settings';

export type ServiceFailure =
  | { kind: 'unreachable'; url: string; reason: string }
  /** The service wants a token and the pane has none (Indstillinger is empty). */
  | { kind: 'no-token' }
  | { kind: 'unauthorized' }
  | { kind: 'forbidden' }
  | { kind: 'error'; status: number; message: string };

export type SaveResult =
  | {
      kind: 'saved';
      snapshot: SnapshotMeta;
      existing: boolean;
      /** Findings only the service can make (against earlier years' snapshots), e.g. change-vs-previous. */
      serviceFindings: Issue[];
    }
  | { kind: 'conflict'; case: ConflictCase; latest: SnapshotMeta; diff: SnapshotDiff }
  | { kind: 'invalid'; message: string; issues: Issue[] }
  | { kind: 'unknown-based-on'; message: string }
  | ServiceFailure;

/**
 * The body of POST /api/snapshots. Only each sheet's name and values leave the workbook: no formats, no fills
 * (so no highlight), no other sheets.
 */
export function snapshotRequest(input: Omit<SnapshotRequest, 'sheets' | 'date1904'> & { grids: SheetGrid[]; date1904?: boolean }): SnapshotRequest {
  const { grids, date1904, ...rest } = input;
  return { ...rest, ...(date1904 ? { date1904: true } : {}), sheets: grids.map(sentGrid) };
}

/**
 * A sheet as the service needs it to read the same figures as the pane: its values, and the number format of
 * the cells formatted as dates (a year written as 31-12-2025 is a serial; without its format the service would
 * read 46022). Other formats change nothing the service reads, so they are not sent: the body stays small.
 */
function sentGrid({ name, values, numberFormat }: SheetGrid): SheetGrid {
  const dates = numberFormat?.map((row) => row.map((f) => (looksLikeDateFormat(f) ? f : '')));
  return dates?.some((row) => row.some((f) => f !== '')) ? { name, values, numberFormat: dates } : { name, values };
}

interface ErrorBody {
  error?: { code?: string; message?: string; issues?: Issue[]; case?: ConflictCase; latest?: SnapshotMeta; diff?: SnapshotDiff };
}

const timeoutMs = 20_000;

/** Rules the pane cannot apply offline: they need the figures of earlier snapshots. */
const serviceOnlyCodes = new Set(['change-vs-previous']);

/**
 * One request with the pane's token as a Bearer header (the service refuses ?token=), its body read within
 * the same bound; a refused token or no answer comes back as a failure.
 */
async function send<T>(
  settings: ServiceSettings, method: 'GET' | 'POST', path: string, accept: string, body: unknown, read: (response: Response) => Promise<T>,
): Promise<{ response: Response; value: T } | ServiceFailure> {
  const url = `${settings.url}${path}`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(url, {
      method,
      headers: {
        Accept: accept,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(settings.token ? { Authorization: `Bearer ${settings.token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
    });
    if (response.status === 401) return settings.token ? { kind: 'unauthorized' } : { kind: 'no-token' };
    if (response.status === 403) return { kind: 'forbidden' };
    return { response, value: await read(response) };
  } catch (error) {
    return { kind: 'unreachable', url: settings.url, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

async function call(settings: ServiceSettings, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: unknown } | ServiceFailure> {
  const sent = await send(settings, method, path, 'application/json', body, async (r) => r);
  if ('kind' in sent) return sent;
  const response = sent.response;
  let json: unknown = null;
  try {
    json = await response.json();
  } catch {
    // A proxy or a wrong address answering HTML: reported below by status.
    if (response.ok) return { kind: 'error', status: response.status, message: 'the answer was not JSON' };
  }
  return { status: response.status, json };
}

function isFailure(result: { status: number; json: unknown } | ServiceFailure): result is ServiceFailure {
  return 'kind' in result;
}

function errorOf(status: number, json: unknown): ServiceFailure {
  const message = (json as ErrorBody | null)?.error?.message ?? `HTTP ${status}`;
  return { kind: 'error', status, message };
}

export async function saveSnapshot(settings: ServiceSettings, request: SnapshotRequest): Promise<SaveResult> {
  const result = await call(settings, 'POST', '/api/snapshots', request);
  if (isFailure(result)) return result;
  const { status, json } = result;
  const error = (json as ErrorBody | null)?.error;
  if (status === 200 || status === 201) {
    const ok = json as SavedAnswer;
    const serviceFindings = (ok.report?.issues ?? []).filter((i) => serviceOnlyCodes.has(i.code));
    return { kind: 'saved', snapshot: ok.snapshot, existing: ok.existing === true, serviceFindings };
  }
  if (status === 409 && error?.latest && error.diff) {
    // A service from before the case was sent: a copy that named no version is the 'not-from-this-year' case.
    const conflictCase: ConflictCase = error.case ?? (request.basedOn ? 'saved-since' : 'not-from-this-year');
    return { kind: 'conflict', case: conflictCase, latest: error.latest, diff: error.diff };
  }
  if (status === 422) return { kind: 'invalid', message: error?.message ?? '', issues: error?.issues ?? [] };
  if (status === 400 && error?.code === 'unknown-based-on') return { kind: 'unknown-based-on', message: error.message ?? '' };
  return errorOf(status, json);
}

export type DiffResult = { kind: 'ok'; from: SnapshotMeta | null; diff: SnapshotDiff } | ServiceFailure;

/** What changed in a snapshot since the year's previous one. */
export async function snapshotDiff(settings: ServiceSettings, id: string): Promise<DiffResult> {
  const result = await call(settings, 'GET', `/api/snapshots/${encodeURIComponent(id)}/diff`);
  if (isFailure(result)) return result;
  if (result.status !== 200) return errorOf(result.status, result.json);
  const ok = result.json as { from: SnapshotMeta | null; diff: SnapshotDiff };
  return { kind: 'ok', from: ok.from, diff: ok.diff };
}

export type DistrictsResult = { kind: 'ok'; answer: DistrictTotalsAnswer } | { kind: 'no-snapshot' } | ServiceFailure;

export async function districtTotals(settings: ServiceSettings, year: number): Promise<DistrictsResult> {
  const result = await call(settings, 'GET', `/api/years/${year}/districts`);
  if (isFailure(result)) return result;
  if (result.status === 404 && (result.json as ErrorBody | null)?.error?.code === 'not-found') return { kind: 'no-snapshot' };
  if (result.status !== 200) return errorOf(result.status, result.json);
  return { kind: 'ok', answer: result.json as DistrictTotalsAnswer };
}

export type FileResult =
  | { kind: 'ok'; bytes: ArrayBuffer; fileName: string; type: string }
  /** The year has no version with membership figures (or no version at all): the service's own words. */
  | { kind: 'not-found'; message: string }
  | ServiceFailure;

/** The file name the service gives in Content-Disposition, or `fallback`. */
function fileNameOf(response: Response, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
  return match ? match[1] : fallback;
}

/** A file of the year's membership export (membership.xlsx, membership.csv, …), in the pane's language. */
export async function exportFile(settings: ServiceSettings, year: number, file: string, lang: Lang): Promise<FileResult> {
  const sent = await send(settings, 'GET', `/api/years/${year}/${file}?lang=${lang}`, '*/*', undefined, async (r) => (r.ok ? r.arrayBuffer() : r.json().catch(() => null)));
  if ('kind' in sent) return sent;
  const { response, value } = sent;
  if (response.ok) return { kind: 'ok', bytes: value as ArrayBuffer, fileName: fileNameOf(response, file), type: response.headers.get('content-type') ?? '' };
  const error = (value as ErrorBody | null)?.error;
  if (response.status === 404 && error?.code === 'not-found') return { kind: 'not-found', message: error.message ?? '' };
  return errorOf(response.status, value);
}

export type TrendResult = { kind: 'ok'; answer: TrendAnswer } | ServiceFailure;

/** The district totals of every stored year from `from` to `to` (each year's latest version). */
export async function districtTrend(settings: ServiceSettings, from: number, to: number): Promise<TrendResult> {
  const result = await call(settings, 'GET', `/api/districts/trend?from=${from}&to=${to}`);
  if (isFailure(result)) return result;
  if (result.status !== 200) return errorOf(result.status, result.json);
  return { kind: 'ok', answer: result.json as TrendAnswer };
}
