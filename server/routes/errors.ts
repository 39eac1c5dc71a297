/** Every error the API answers has one shape: `{ error: { code, message, issues? } }`, the message in the caller's language. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { Lang } from '../../shared/schemas';
import type { ErrorAnswer, InvalidRequestAnswer } from '../../shared/wire';
import { zodIssues, type ApiIssue } from '../api-issues';
import { messages, type RequestPart } from '../messages';

export type { ApiIssue };

/** The language of this request's messages; Danish where the language middleware has not run. */
export const langOf = (c: Context): Lang => (c.get('lang') as Lang | undefined) ?? 'da';

export function apiError(
  c: Context, status: ContentfulStatusCode, code: string, message: string, extra: Record<string, unknown> = {},
): Response {
  return c.json({ error: { code, message, ...extra } } satisfies ErrorAnswer, status);
}

export function invalid(c: Context, where: RequestPart, error: z.ZodError, input?: unknown): Response {
  return invalidIssues(c, where, zodIssues(error, langOf(c), input));
}

/** As invalid(), from findings already in the API's shape (a save's body checks make them so). */
export function invalidIssues(c: Context, where: RequestPart, issues: ApiIssue[]): Response {
  const answer: InvalidRequestAnswer = {
    error: { code: `invalid-${where}`, message: messages.invalidRequest[langOf(c)](where, issues[0]), issues },
  };
  return c.json(answer, 400);
}
