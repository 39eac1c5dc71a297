/** Reading request input at the edge: size-limited bodies, JSON that must parse, zod that must pass. */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { messages } from '../messages';
import type { CheckAnswer } from '../check-job';
import { jsonErrorPosition } from '../save-check';
import type { WorkerFailure } from '../worker-run';
import { workbookReadError, type WorkbookReadError } from '../xlsx/workbook-read-error';
import { apiError, invalid, langOf } from './errors';

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response };

const mb = (bytes: number) => Math.max(1, Math.round(bytes / 1024 / 1024));

/** Hono's body limit, answering in the API's error shape: a declared length is refused at once, a chunked body once it passes. */
export function limitBody(maxBytes: number, what: 'body' | 'workbook' = 'body'): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c: Context) =>
      apiError(c, 413, 'payload-too-large', (what === 'body' ? messages.bodyTooLarge : messages.workbookTooLarge)[langOf(c)](mb(maxBytes))),
  });
}

export const tooLarge = (c: Context, maxBytes: number) => apiError(c, 413, 'payload-too-large', messages.workbookTooLarge[langOf(c)](mb(maxBytes)));

/** A JSON save the check worker stopped (too slow, too much memory): 413, since only a far larger body than any workbook's does that. */
export function tooBigToCheck(c: Context, failure: WorkerFailure): Response {
  if (failure.kind === 'reader-failed') throw new Error('the check worker failed');
  return apiError(c, 413, 'payload-too-large', messages.tooBigToCheck[langOf(c)](failure), { reason: failure.kind });
}

/** An answer the check worker finished, its JSON body already encoded; or the refusal of a file it could not read. */
export function finished(c: Context, answer: Exclude<CheckAnswer, { kind: 'checked' }>): Response {
  if (answer.kind === 'unreadable') return unreadable(c, workbookReadError(answer.problem, null));
  return c.body(answer.body as Uint8Array<ArrayBuffer>, answer.status, { 'content-type': 'application/json' });
}

export const unreadable = (c: Context, error: WorkbookReadError) => apiError(c, 400, 'unreadable-workbook', error.messageIn(langOf(c)), { reason: error.reason });

/** A 415 unless the content type says JSON. */
function notJson(c: Context): Parsed<never> | null {
  const type = c.req.header('content-type') ?? '';
  if (/^application\/json\b/i.test(type)) return null;
  return { ok: false, response: apiError(c, 415, 'unsupported-media-type', messages.notJson[langOf(c)](type ? shownType(type) : null)) };
}

/** The body's text, once its content type says JSON. */
export async function jsonText(c: Context): Promise<Parsed<string>> {
  return notJson(c) ?? { ok: true, value: await c.req.text() };
}

/** The body's bytes, undecoded, once its content type says JSON: for a body decoded in the check worker. */
export async function jsonBytes(c: Context): Promise<Parsed<Uint8Array>> {
  return notJson(c) ?? { ok: true, value: new Uint8Array(await c.req.arrayBuffer()) };
}

/** A content type as a message may repeat it: its media type only, without parameters a client made up. */
function shownType(type: string): string {
  const media = type.split(';', 1)[0].trim();
  return /^[\w.+-]{1,64}\/[\w.+-]{1,128}$/.test(media) ? media : '?';
}

export function malformedJson(c: Context, position: number | null): Response {
  return apiError(c, 400, 'malformed-json', messages.malformedJson[langOf(c)](position));
}

export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<Parsed<z.infer<S>>> {
  const text = await jsonText(c);
  if (!text.ok) return text;
  let data: unknown;
  try {
    data = JSON.parse(text.value);
  } catch (error) {
    return { ok: false, response: malformedJson(c, jsonErrorPosition(error)) };
  }
  const parsed = schema.safeParse(data);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, response: invalid(c, 'body', parsed.error, data) };
}

export function query<S extends z.ZodType>(c: Context, schema: S): Parsed<z.infer<S>> {
  const input = c.req.query();
  const parsed = schema.safeParse(input);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, response: invalid(c, 'query', parsed.error, input) };
}

export function params<S extends z.ZodType>(c: Context, schema: S): Parsed<z.infer<S>> {
  const input = c.req.param();
  const parsed = schema.safeParse(input);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, response: invalid(c, 'path', parsed.error, input) };
}

/** A programme year as it appears in paths and queries. */
export const yearSchema = z.coerce.number().int().min(1900).max(2200);
export const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
/** A version's id, in a path or a query (declared beside textField, so that a save's body reads it alike). */
export { versionId } from '../api-issues';
