/** The service on Node's HTTP server: the answers given before the framework, then the Hono app. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { Service } from './app';

export function nodeListener(service: Service): (req: IncomingMessage, res: ServerResponse) => void {
  const app = getRequestListener(service.app.fetch);
  return (req, res) => {
    if (!service.fastAnswer(req, res)) void app(req, res);
  };
}

/** Listens on `port` (0: any free one) at `host`; resolves once it does. */
export function listen(service: Service, port: number, host: string): Promise<{ server: Server; port: number }> {
  const server = createServer(nodeListener(service));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({ server, port: (server.address() as AddressInfo).port });
    });
  });
}
