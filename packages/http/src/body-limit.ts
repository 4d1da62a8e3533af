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

/** Middleware: the body buffered by `bufferBody` before the handler reads it as usual. */
export function limitBody(maxBytes: number) {
  return createMiddleware(async (c, next) => {
    if (!c.req.raw.body) return next();
    const body = await bufferBody(c.req.raw, maxBytes);
    c.req.raw = new Request(c.req.raw, { body });
    await next();
  });
}
