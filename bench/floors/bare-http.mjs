// Floor of the districts answer under load: a bare node:http server answering every request with the same
// JSON bytes (BENCH_BODY), in a process of its own like the service. It prints its URL once it listens.
import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';

const body = Buffer.from(process.env.BENCH_BODY ?? '{}');
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => console.log(`READY ${JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` })}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
