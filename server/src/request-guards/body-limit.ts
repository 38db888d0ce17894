import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

/**
 * Wraps a node:http handler so a body declared larger than `maxBytes` (or with a malformed
 * Content-Length) gets 413/400 before any of it is parsed. Bodies without a length (chunked) are
 * counted by yoga's `maxRequestBodySize`, which must be set to the same value.
 */
export function withBodyLimit(handler: RequestListener, maxBytes: number): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const declared = req.headers['content-length'];
    if (declared === undefined) return handler(req, res);
    if (!/^\d+$/.test(declared))
      return refuse(res, 400, 'BAD_REQUEST', 'Content-Length is not a number', true);
    const size = Number(declared);
    if (size <= maxBytes) return handler(req, res);
    const answer = (close: boolean) =>
      refuse(
        res,
        413,
        'REQUEST_ENTITY_TOO_LARGE',
        `the request body is ${declared} bytes (limit maxBodyBytes = ${maxBytes}); send a smaller request`,
        close,
      );
    if (size > DRAIN_FACTOR * maxBytes) return answer(true);
    // Answer only once the body is read: a client that sends it all before reading (Python's
    // urllib with Connection: close) would otherwise write into a closed socket and see EPIPE.
    req.on('error', () => res.destroy());
    req.once('end', () => answer(false));
    req.resume();
  };
}

/**
 * Up to this many times the limit, the unread body is discarded so the client can read the
 * answer; beyond it the connection is closed at once, and a client still uploading may see a
 * reset instead of the 413.
 */
const DRAIN_FACTOR = 16;

function refuse(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  close: boolean,
): void {
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(body);
}
