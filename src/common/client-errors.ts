import type { Socket } from 'node:net';
import { problem } from './problem';

/**
 * Errors Node's HTTP parser raises before Fastify sees a request (headers over 16 KB, a garbled
 * request line, a timeout): answered as problem+json on the raw socket, like every other error.
 * Fastify's default writes its own JSON shape.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, detail] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'headers_too_large', 'The request headers are larger than the server accepts (16 KB in all)']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request_timeout', 'The request was not received in time']
        : [400, 'bad_request', 'The request is not valid HTTP'];
  const body = JSON.stringify(problem(status, code, detail));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${problem(status, code, detail).title}\r\nConnection: close\r\n` +
        `Content-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/** URLs longer than this are refused with 414 before routing (Node alone would allow up to 16 KB). */
export const MAX_URL_LENGTH = 8192;
