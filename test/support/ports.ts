// Ports of 127.0.0.1 for the specs' own servers, and ports known to refuse connections (a dependency down).
import * as net from 'node:net';

/** Ports this process handed out: the kernel may offer a released port again before its taker has bound it. */
const handedOut = new Set<number>();

/** A port that was free a moment ago and not handed out before: listen on it, or connect to find nothing there. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = srv.address() as net.AddressInfo;
        srv.close(() => resolve(p));
      });
      srv.on('error', reject);
    });
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    return port;
  }
}

/** A port nothing listens on: a dependency configured there is unreachable. */
export const closedPort = freePort;
