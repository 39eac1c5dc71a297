/** The request log: one line per request, as the answer leaves. */
import type { MiddlewareHandler } from 'hono';
import { shown } from './messages';

/**
 * A request's line: method, path (never the query: it could carry anything a client put there), status, time.
 * A path that is not clean text (a line break would forge a log line) or holds what looks like a CPR number
 * is left out.
 */
export function requestLine(method: string, path: string, status: number, startedMs: number): string {
  return `${method} ${shown(path, 500) ?? '(path left out)'} ${status} ${(performance.now() - startedMs).toFixed(1)}ms`;
}

export function requestLog(log: (line: string) => void): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    log(requestLine(c.req.method, c.req.path, c.res.status, started));
  };
}
