import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

/**
 * Wraps a node:http handler so a body declared larger than `maxBytes` (or with a malformed
 * Content-Length) gets 413/400 before any of it is read. Bodies without a length (chunked) are
 * counted by yoga's `maxRequestBodySize`, which must be set to the same value.
 */
export function withBodyLimit(handler: RequestListener, maxBytes: number): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const declared = req.headers['content-length'];
    if (declared === undefined) return handler(req, res);
    if (!/^\d+$/.test(declared))
      return refuse(res, 400, 'BAD_REQUEST', 'Content-Length is not a number');
    if (Number(declared) <= maxBytes) return handler(req, res);
    refuse(
      res,
      413,
      'REQUEST_ENTITY_TOO_LARGE',
      `the request body is ${declared} bytes (limit maxBodyBytes = ${maxBytes}); send a smaller request`,
    );
  };
}

function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  // Closing the connection spares reading (and discarding) a body we will never use.
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    connection: 'close',
  });
  res.end(body);
}
