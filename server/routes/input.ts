/** Reading request input at the edge: size-limited bodies, JSON that must parse, zod that must pass. */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { apiError, invalid } from './errors';

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response };

/** Hono's body limit, answering in the API's error shape: a declared length is refused at once, a chunked body once it passes. */
export function limitBody(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c: Context) =>
      apiError(c, 413, 'payload-too-large', `The request body is larger than ${Math.round(maxBytes / 1024 / 1024)} MB. Send a smaller workbook.`),
  });
}

/** The body's text, once its content type says JSON. */
export async function jsonText(c: Context): Promise<Parsed<string>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    return { ok: false, response: apiError(c, 415, 'unsupported-media-type', `Send the body as JSON with "Content-Type: application/json" (got "${type || 'none'}").`) };
  }
  return { ok: true, value: await c.req.text() };
}

export function malformedJson(c: Context, reason: string): Response {
  return apiError(c, 400, 'malformed-json', `The request body is not valid JSON: ${reason}.`);
}

export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<Parsed<z.infer<S>>> {
  const text = await jsonText(c);
  if (!text.ok) return text;
  let data: unknown;
  try {
    data = JSON.parse(text.value);
  } catch (error) {
    return { ok: false, response: malformedJson(c, (error as Error).message) };
  }
  const parsed = schema.safeParse(data);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, response: invalid(c, 'body', parsed.error) };
}

export function query<S extends z.ZodType>(c: Context, schema: S): Parsed<z.infer<S>> {
  const parsed = schema.safeParse(c.req.query());
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, response: invalid(c, 'query', parsed.error) };
}

export function params<S extends z.ZodType>(c: Context, schema: S): Parsed<z.infer<S>> {
  const parsed = schema.safeParse(c.req.param());
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, response: invalid(c, 'path', parsed.error) };
}

/** A programme year as it appears in paths and queries. */
export const yearSchema = z.coerce.number().int().min(1900).max(2200);
export const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
