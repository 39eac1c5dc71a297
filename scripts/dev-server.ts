/**
 * `npm run dev-server` (started by `npm run sideload` when nothing listens on port 3000): Excel on Windows
 * and Mac loads a sideloaded pane only over HTTPS, and manifest.xml names https://localhost:3000. This builds
 * the pane, starts the service on plain HTTP on a loopback port (DEV_SERVICE_PORT, default 3001, with its
 * public URL set to https://localhost:3000) and answers https://localhost:3000 with office-addin-dev-certs'
 * trusted localhost certificate, passing every request through to the service unchanged.
 */
import { spawn } from 'node:child_process';
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A request handler that forwards to `target` (http://host:port) and streams the answer back. */
export function passThrough(target: URL, onError: (error: Error) => void = () => {}) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const upstream = httpRequest(
      { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      onError(error);
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`The Partnerskab service at ${target.origin} did not answer: ${error.message}`);
    });
    req.pipe(upstream);
  };
}

async function main(): Promise<void> {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const httpsPort = Number(process.env.npm_package_config_dev_server_port ?? 3000);
  const servicePort = Number(process.env.DEV_SERVICE_PORT ?? 3001);
  const { buildAddin } = await import('./build-addin');
  await buildAddin();

  // office-addin-dev-certs is an optional dependency: present wherever `npm install` ran on Windows or Mac.
  let httpsOptions: { key: string | Buffer; cert: string | Buffer; ca?: string | Buffer };
  try {
    const certs = (await import('office-addin-dev-certs')) as { getHttpsServerOptions(): Promise<typeof httpsOptions> };
    httpsOptions = await certs.getHttpsServerOptions();
  } catch (error) {
    console.error(`dev-server: no localhost certificate (${error instanceof Error ? error.message : String(error)}). Run: npx office-addin-dev-certs install`);
    process.exit(1);
  }

  const service = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PORT: String(servicePort), HOST: '127.0.0.1', PUBLIC_URL: `https://localhost:${httpsPort}` },
  });
  service.on('exit', (code) => {
    console.error(`dev-server: the service stopped (exit ${code}).`);
    process.exit(code ?? 1);
  });
  const server = createHttpsServer(httpsOptions, passThrough(new URL(`http://127.0.0.1:${servicePort}`), (e) => console.error(`dev-server: ${e.message}`)));
  server.listen(httpsPort, 'localhost', () => {
    console.log(`dev-server: https://localhost:${httpsPort} → service on http://127.0.0.1:${servicePort}; pane at https://localhost:${httpsPort}/addin/taskpane.html`);
  });
  const stop = () => {
    server.close();
    service.kill('SIGTERM');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) await main();
