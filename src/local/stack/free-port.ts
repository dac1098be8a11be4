/**
 * freePort asks the system for a free loopback port (listen on 0, read it, close). Another
 * program could take the port before it is used; the window is a few milliseconds and the
 * caller reports a clear error if it happens.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/** freePort resolves to a port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** isPortFree tells whether 127.0.0.1:`port` can be listened on now. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
