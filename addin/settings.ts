/**
 * The service address and token: kept in the add-in's own browser storage (per add-in origin), never in the
 * workbook, so a workbook sent by mail carries no token.
 */
export interface ServiceSettings {
  /** Origin (and optional path prefix) of the snapshot service, without a trailing slash. */
  url: string;
  token: string;
}

const storageKey = 'partnerskab.service.v1';

/** The pane is served by the service itself, so its own origin is the right default. */
export function defaultServiceUrl(): string {
  const origin = typeof location === 'undefined' ? '' : location.origin;
  return /^https?:/.test(origin) ? origin : 'http://localhost:3000';
}

export function loadSettings(storage: Pick<Storage, 'getItem'> | null = safeStorage()): ServiceSettings {
  const fallback = { url: defaultServiceUrl(), token: '' };
  const raw = storage?.getItem(storageKey);
  if (!raw) return fallback;
  try {
    const parsed = JSON.parse(raw) as Partial<ServiceSettings>;
    return { url: typeof parsed.url === 'string' && parsed.url ? parsed.url : fallback.url, token: typeof parsed.token === 'string' ? parsed.token : '' };
  } catch {
    return fallback;
  }
}

export function saveSettings(settings: ServiceSettings, storage: Pick<Storage, 'setItem'> | null = safeStorage()): void {
  storage?.setItem(storageKey, JSON.stringify({ url: normaliseServiceUrl(settings.url), token: settings.token.trim() }));
}

/** "https://x.dk/" → "https://x.dk"; null when it is not an http(s) URL. */
export function normaliseServiceUrl(input: string): string {
  return input.trim().replace(/\/+$/, '');
}

export function isServiceUrl(input: string): boolean {
  try {
    const url = new URL(input.trim());
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Some embedded browsers deny storage (privacy settings); the pane then works without remembering. */
function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
