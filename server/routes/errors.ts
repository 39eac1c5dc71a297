/** Every error the API answers has one shape: `{ error: { code, message, issues? } }`, the message in the caller's language. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { Lang } from '../../shared/schemas';
import type { Report } from '../../shared/schemas';
import type { ErrorAnswer, InvalidRequestAnswer, InvalidWorkbookAnswer } from '../../shared/wire';
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
  return c.json(invalidRequestAnswer(langOf(c), where, issues), 400);
}

/** The 400's body; also built where no request context is (the check worker, server/check-job.ts). */
export function invalidRequestAnswer(lang: Lang, where: RequestPart, issues: ApiIssue[]): InvalidRequestAnswer {
  return { error: { code: `invalid-${where}`, message: messages.invalidRequest[lang](where, issues[0]), issues } };
}

/** The 422's body: the sheets have errors, nothing was stored; the errors, and the whole report. */
export function invalidWorkbookAnswer(lang: Lang, report: Report): InvalidWorkbookAnswer {
  return {
    error: { code: 'invalid-workbook', message: messages.invalidWorkbook[lang](report.counts.error), issues: report.issues.filter((i) => i.severity === 'error') },
    report,
  };
}
