/**
 * Requests Node's HTTP parser refuses before Fastify sees them (headers over the size limit, a
 * request cut off by the server timeouts, a malformed request line) still get the one error
 * shape, then the connection is closed.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';

/** Largest request head (request line and headers), bytes: room for every documented query parameter at its longest. */
export const maxHeaderSize = 64 * 1024;

const answers: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'HEADERS_TOO_LARGE',
    `The request line and headers are larger than ${maxHeaderSize / 1024} KiB.`,
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [
    408,
    'REQUEST_TIMEOUT',
    'The request did not arrive in time (WIREUP_HEADERS_TIMEOUT_MS, WIREUP_REQUEST_TIMEOUT_MS).',
  ],
};

/** Fastify's `clientErrorHandler`. */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, code, message] = answers[error.code ?? ''] ?? [
    400,
    'INVALID_REQUEST',
    'The request is not valid HTTP/1.1.',
  ];
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
