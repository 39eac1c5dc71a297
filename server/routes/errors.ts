/** Every error the API answers has one shape: `{ error: { code, message, issues? } }`. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

export interface ApiIssue {
  path: string;
  message: string;
}

export function apiError(
  c: Context, status: ContentfulStatusCode, code: string, message: string, extra: Record<string, unknown> = {},
): Response {
  return c.json({ error: { code, message, ...extra } }, status);
}

/** zod's findings as `{ path: "sheets.0.values.3.1", message }`, so a client can point at the field. */
export function zodIssues(error: z.ZodError): ApiIssue[] {
  return error.issues.slice(0, 50).map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message }));
}

export function invalid(c: Context, where: 'body' | 'query' | 'path', error: z.ZodError): Response {
  const issues = zodIssues(error);
  const first = issues[0];
  return apiError(c, 400, `invalid-${where}`, `The request ${where} is not valid: ${first.path}: ${first.message}.`, { issues });
}
