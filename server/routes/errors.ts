/** Every error the API answers has one shape: `{ error: { code, message, issues? } }`. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { ErrorAnswer, InvalidRequestAnswer } from '../../shared/wire';
import { zodIssues, type ApiIssue } from '../api-issues';

export type { ApiIssue };

export function apiError(
  c: Context, status: ContentfulStatusCode, code: string, message: string, extra: Record<string, unknown> = {},
): Response {
  return c.json({ error: { code, message, ...extra } } satisfies ErrorAnswer, status);
}

export function invalid(c: Context, where: 'body' | 'query' | 'path', error: z.ZodError): Response {
  return invalidIssues(c, where, zodIssues(error));
}

/** As invalid(), from findings already in the API's shape (a save's body checks make them so). */
export function invalidIssues(c: Context, where: 'body' | 'query' | 'path', issues: ApiIssue[]): Response {
  const first = issues[0];
  const answer: InvalidRequestAnswer = {
    error: { code: `invalid-${where}`, message: `The request ${where} is not valid: ${first.path}: ${first.message}.`, issues },
  };
  return c.json(answer, 400);
}
