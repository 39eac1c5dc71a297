/**
 * The one answer the service gives before the framework: GET /api/years/:year/districts (no query) when its
 * whole answer is at hand now — the caller a fresh cached token, the year's latest snapshot fresh in the read
 * cache, its answer already made. It is the consultants' and the add-in's hottest read, and through
 * @hono/node-server and Hono each such request cost ~45 µs of CPU more (141–150 against ~100 µs, bench probe,
 * PostgreSQL), against a bare node:http server's ~60 µs. Anything else, or anything not at hand, goes to the
 * app, which answers the same request the same way (tests/server/fast-answers.test.ts compares the two).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Auth } from './auth';
import type { DistrictAnswers } from './district-answers';
import { requestLine } from './request-log';
import { securityHeaderValues } from './static';

export type FastAnswer = (req: IncomingMessage, res: ServerResponse) => boolean;

const DISTRICTS = /^\/api\/years\/(\d{4})\/districts$/;

export function fastAnswers(deps: { auth: Auth; answers: DistrictAnswers; log: (line: string) => void; cors: boolean }): FastAnswer {
  // With an allow-list, Hono's cors middleware marks every /api answer as varying with Origin.
  const headers = { ...securityHeaderValues, ...(deps.cors ? { Vary: 'Origin' } : {}), 'Content-Type': 'application/json' };
  return (req, res) => {
    if (req.method !== 'GET') return false;
    const match = DISTRICTS.exec(req.url ?? '');
    // A cross-origin call needs the app's CORS headers.
    if (!match || (deps.cors && req.headers.origin !== undefined)) return false;
    if (!deps.auth.known(req.headers.authorization)) return false;
    const path = match[0];
    const body = deps.answers.latestNow(Number(match[1]));
    if (!body) return false;
    const started = performance.now();
    res.writeHead(200, { ...headers, 'Content-Length': body.byteLength });
    res.end(body);
    deps.log(requestLine('GET', path, 200, started));
    return true;
  };
}
