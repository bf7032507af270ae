// Ports of 127.0.0.1 for the specs' own servers, and ports known to refuse connections (a dependency down).
import * as net from 'node:net';

/** A port that was free a moment ago: listen on it, or connect to it to find nothing there. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** A port nothing listens on: a dependency configured there is unreachable. */
export const closedPort = freePort;
