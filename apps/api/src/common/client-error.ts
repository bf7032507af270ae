import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

const REASONS: Record<number, [string, string]> = {
  400: ['Bad Request', 'the request could not be parsed as HTTP'],
  408: ['Request Timeout', 'the request did not arrive in time'],
  413: ['Payload Too Large', 'the request is too large'],
  431: ['Request Header Fields Too Large', 'the request line or headers are too large (at most 16 KB)'],
};

/**
 * Requests Node's HTTP parser refuses before any route sees them (a URL or headers over 16 KB, malformed HTTP)
 * get the contract's error envelope like every other refusal, instead of Node's bare status line.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const status =
      err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const [reason, message] = REASONS[status];
    const body = JSON.stringify({ error: { code: reason.toLowerCase().replace(/ /g, '_'), message } });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
