/**
 * The task pane's files, its manifest and office.js, served from the same origin as the API (so the pane
 * needs no CORS), plus the security headers every response carries.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { Hono, type MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { messages, shown } from './messages';
import { apiError, langOf } from './routes/errors';

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

/**
 * The security headers of every answer, by Hono's secure-headers middleware, with the pane's CSP. Left out
 * of its defaults: X-Frame-Options (it would blank the pane in Office's iframe; frame-ancestors decides),
 * Cross-Origin-Opener-Policy (Office on the web opens dialogs as pop-ups that must keep talking to the pane) and
 * Strict-Transport-Security (the HTTPS front that terminates TLS decides that for its domain).
 */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // Fluent-style inline styles set by office.js's own UI.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'", 'data:'],
      frameSrc: ["'self'", 'https://*.office.com', 'https://*.officeapps.live.com', 'https://*.cloud.microsoft'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: officeFrameAncestors,
    },
    xFrameOptions: false,
    crossOriginOpenerPolicy: false,
    strictTransportSecurity: false,
  });
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

  // The pane's folder itself (a link to the service, a bookmark) opens the pane.
  app.get('/addin', (c) => c.redirect('/addin/taskpane.html'));
  app.get('/addin/', (c) => c.redirect('/addin/taskpane.html'));

  app.get('/addin/*', async (c) => {
    const relative = c.req.path.slice('/addin/'.length);
    // The pane must pick up a new build at once; office.js below is versioned by its package.
    const res = await fileResponse(inside(paths.addinDir, relative), 'no-cache');
    if (res) return res;
    // Whether the pane is built decides the advice: a built pane's address, or the build command.
    const built = await stat(join(paths.addinDir, 'taskpane.html')).then((s) => s.isFile(), () => false);
    return apiError(c, 404, 'not-found', messages.paneFileMissing[langOf(c)](shown(c.req.path, 200), built));
  });

  app.get('/office-js/*', async (c) => {
    const relative = c.req.path.slice('/office-js/'.length);
    const res = await fileResponse(inside(paths.officeJsDir, relative), 'public, max-age=86400');
    return res ?? apiError(c, 404, 'not-found', messages.officeJsMissing[langOf(c)](shown(c.req.path, 200)));
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
