/**
 * The task pane's files, its manifest and office.js, served from the same origin as the API (so the pane
 * needs no CORS), plus the security headers every response carries.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { apiError } from './routes/errors';

export interface StaticPaths {
  /** Built task pane (dist/addin). */
  addinDir: string;
  /** The repo's manifest.xml. */
  manifestPath: string;
  /** node_modules/@microsoft/office-js/dist. */
  officeJsDir: string;
}

/** The origin manifest.xml is written with; replaced by the service's public URL when served. */
export const MANIFEST_ORIGIN = 'https://localhost:3000';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * Office on the web shows the task pane in an iframe on these domains, so frame-ancestors allows them
 * (X-Frame-Options DENY would blank the pane). Office.js talks to its host by postMessage and loads its
 * own scripts from the directory it came from (here /office-js/).
 */
const officeFrameAncestors = [
  "'self'",
  'https://*.office.com',
  'https://*.office365.com',
  'https://*.officeapps.live.com',
  'https://*.sharepoint.com',
  'https://*.microsoft.com',
  'https://*.cloud.microsoft',
  'https://*.live.com',
];

export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  // Fluent-style inline styles set by office.js's own UI.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "frame-src 'self' https://*.office.com https://*.officeapps.live.com https://*.cloud.microsoft",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  `frame-ancestors ${officeFrameAncestors.join(' ')}`,
].join('; ');

/** Sent with every answer (also by server/fast-answers.ts). */
export const securityHeaderValues: Record<string, string> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** The Node response a request is answered on, when @hono/node-server serves the app (c.env.outgoing). */
function nodeResponse(c: Context): { headersSent: boolean; setHeader(name: string, value: string): unknown } | null {
  const outgoing = (c.env as { outgoing?: unknown } | undefined)?.outgoing as
    | { headersSent?: unknown; setHeader?: unknown }
    | undefined;
  return outgoing && typeof outgoing.setHeader === 'function' && outgoing.headersSent === false
    ? (outgoing as { headersSent: boolean; setHeader(name: string, value: string): unknown })
    : null;
}

export function securityHeaders(): MiddlewareHandler {
  const set = (c: Context) => {
    for (const name in securityHeaderValues) c.header(name, securityHeaderValues[name]);
  };
  return async (c, next) => {
    // Served by Node, the headers go on the Node response, which sends them with whatever the handler
    // answers. Through c.header() every response carried a web Headers object: built and checked here,
    // then iterated back into a plain object by @hono/node-server, ~8 % of a districts request (measured
    // in the commit). Left alone, a handler's c.json()/c.body() keeps its one header in a plain object.
    const outgoing = nodeResponse(c);
    if (outgoing) {
      for (const name in securityHeaderValues) outgoing.setHeader(name, securityHeaderValues[name]);
      return next();
    }
    // Elsewhere (app.request() in tests, other runtimes): set before the handler, so that c.json() builds
    // its response with them. Changing a finished response afterwards makes Hono copy it into a full web
    // Response, which cost a third of a districts request.
    set(c);
    await next();
    // A handler that returned its own Response (static files) did not take them.
    if (!c.res.headers.has('X-Content-Type-Options')) set(c);
  };
}

/** The file under `root` that `relative` names, or null when it would leave `root`. */
function inside(root: string, relative: string): string | null {
  const base = resolve(root);
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = resolve(base, '.' + sep + decoded);
  return full === base || full.startsWith(base + sep) ? full : null;
}

async function fileResponse(path: string | null, cacheControl: string): Promise<Response | null> {
  if (!path) return null;
  try {
    const info = await stat(path);
    if (!info.isFile()) return null;
    const stream = Readable.toWeb(createReadStream(path)) as ReadableStream;
    return new Response(stream, {
      headers: {
        'content-type': types[extname(path).toLowerCase()] ?? 'application/octet-stream',
        'content-length': String(info.size),
        'cache-control': cacheControl,
      },
    });
  } catch {
    return null;
  }
}

export function staticRoutes(paths: StaticPaths, publicUrl: string): Hono {
  const app = new Hono();
  const origin = publicUrl.replace(/\/+$/, '');

  app.get('/', (c) => c.redirect('/addin/taskpane.html'));

  app.get('/manifest.xml', async (c) => {
    let xml: string;
    try {
      xml = await readFile(paths.manifestPath, 'utf8');
    } catch {
      return apiError(c, 404, 'not-found', `manifest.xml is missing at ${paths.manifestPath}.`);
    }
    return c.body(xml.split(MANIFEST_ORIGIN).join(origin), 200, {
      'content-type': 'application/xml; charset=utf-8',
      'cache-control': 'no-cache',
    });
  });

  app.get('/addin/*', async (c) => {
    const relative = c.req.path.slice('/addin/'.length);
    // The pane must pick up a new build at once; office.js below is versioned by its package.
    const res = await fileResponse(inside(paths.addinDir, relative), 'no-cache');
    return res ?? apiError(c, 404, 'not-found', `No task-pane file ${c.req.path}. Build the add-in with: npm run build:addin.`);
  });

  app.get('/office-js/*', async (c) => {
    const relative = c.req.path.slice('/office-js/'.length);
    const res = await fileResponse(inside(paths.officeJsDir, relative), 'public, max-age=86400');
    return res ?? apiError(c, 404, 'not-found', `No office.js file ${c.req.path}.`);
  });
  return app;
}

export function defaultStaticPaths(repoRoot: string): StaticPaths {
  return {
    addinDir: join(repoRoot, 'dist', 'addin'),
    manifestPath: join(repoRoot, 'manifest.xml'),
    officeJsDir: join(repoRoot, 'node_modules', '@microsoft', 'office-js', 'dist'),
  };
}
