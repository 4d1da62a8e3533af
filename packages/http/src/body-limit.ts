import type { HonoRequest } from 'hono';
import { createMiddleware } from 'hono/factory';
import { HttpError } from './errors.js';

/**
 * The body's bytes, at most `maxBytes`: a larger one is refused with 413 by its
 * Content-Length before a byte is read, or as soon as the bytes streamed in pass the limit,
 * so an oversized request is never held whole. A body that breaks off (the client gone
 * mid-send) is a 400, not a 500.
 */
export async function bufferBody(raw: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = raw.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes)
    throw new HttpError(413, `body over ${maxBytes} bytes`);
  if (!raw.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = raw.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) throw new HttpError(413, `body over ${maxBytes} bytes`);
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    if (error instanceof HttpError) throw error;
    throw new HttpError(400, 'body could not be read to its end', undefined, { cause: error });
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * A body of a declared length, read whole by the request's own reader: Node's HTTP parser
 * ends a body at its Content-Length, so it cannot pass a limit its length did not, and on
 * @hono/node-server that reader takes the bytes straight from the socket, where streaming
 * them through a web `Request` (and, for `limitBody`, building a second one) cost about a
 * tenth of a one-event request's CPU. Hono keeps the bytes: the handler's reads answer from
 * them. `undefined` when no length was declared (a chunked body).
 */
async function readDeclared(req: HonoRequest, maxBytes: number): Promise<ArrayBuffer | undefined> {
  const declared = req.header('content-length');
  if (declared === undefined || !/^\d+$/.test(declared)) return undefined;
  if (Number(declared) > maxBytes) throw new HttpError(413, `body over ${maxBytes} bytes`);
  const bytes = await req.arrayBuffer().catch((cause: unknown) => {
    throw new HttpError(400, 'body could not be read to its end', undefined, { cause });
  });
  // A Request built in process (not parsed from a socket) may carry more than it declares.
  if (bytes.byteLength > maxBytes) throw new HttpError(413, `body over ${maxBytes} bytes`);
  return bytes;
}

/** The body's bytes, at most `maxBytes`: by `readDeclared`, or counted as they stream. */
export async function readBytes(req: HonoRequest, maxBytes: number): Promise<Uint8Array> {
  const declared = await readDeclared(req, maxBytes);
  return declared ? new Uint8Array(declared) : bufferBody(req.raw, maxBytes);
}

/**
 * Middleware: the body buffered before the handler reads it as usual (`c.req.arrayBuffer()`
 * and the like): by `readDeclared`, or, of no declared length, counted as it streams by
 * `bufferBody`.
 */
export function limitBody(maxBytes: number) {
  return createMiddleware(async (c, next) => {
    if ((await readDeclared(c.req, maxBytes)) || !c.req.raw.body) return next();
    const body = await bufferBody(c.req.raw, maxBytes);
    c.req.raw = new Request(c.req.raw, { body });
    await next();
  });
}
