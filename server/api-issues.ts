/** zod's findings in the API's shape; apart from routes/errors.ts so the save worker can make them too. */
import type { z } from 'zod';

export interface ApiIssue {
  path: string;
  message: string;
}

/** zod's findings as `{ path: "sheets.0.values.3.1", message }`, so a client can point at the field. */
export function zodIssues(error: z.ZodError): ApiIssue[] {
  return error.issues.slice(0, 50).map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message }));
}
