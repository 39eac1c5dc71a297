/** zod's findings in the API's shape, for the routes and for a save's body checks (server/save-check.ts). */
import type { z } from 'zod';
import type { ApiIssue } from '../shared/wire';

export type { ApiIssue };

/** zod's findings as `{ path: "sheets.0.values.3.1", message }`, so a client can point at the field. */
export function zodIssues(error: z.ZodError): ApiIssue[] {
  return error.issues.slice(0, 50).map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message }));
}
