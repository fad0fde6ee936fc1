import { createServer } from 'node:net';

/** A TCP port nothing listens on right now (the OS picks it): for the tests' and benches' servers and Postgres. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}
