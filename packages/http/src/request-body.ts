import type { HonoRequest } from 'hono';
import { HttpError } from './errors.js';

/**
 * Objects and lists inside one another in a raw body. A cheap guard before any parser or
 * walk sees the body; the core names anything nested past its own, lower limit by path.
 */
export const MAX_BODY_DEPTH = 64;

const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * How deeply brackets nest in JSON (or flow-style YAML) text, counted in one pass without
 * recursion; brackets inside double-quoted strings do not count. Stops counting at `limit`.
 */
export function nestingDepth(text: string, limit = MAX_BODY_DEPTH + 1): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) inString = true;
    else if (code === OPEN_BRACKET || code === OPEN_BRACE) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest >= limit) return deepest;
    } else if (code === CLOSE_BRACKET || code === CLOSE_BRACE) depth--;
  }
  return deepest;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** @throws HttpError 400 when `text` (a JSON document or one NDJSON line) nests too deep */
export function checkDepth(text: string): void {
  if (nestingDepth(text) > MAX_BODY_DEPTH)
    throw new HttpError(400, `body is nested more than ${MAX_BODY_DEPTH} levels deep`);
}

/**
 * Bytes as text, refused with 400 when they are not UTF-8: decoding leniently would store
 * U+FFFD in place of what the client sent.
 */
export function utf8Text(bytes: ArrayBuffer | Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch (cause) {
    throw new HttpError(400, 'body is not valid UTF-8', undefined, { cause });
  }
}

/** The body as text, by `utf8Text`. */
export async function readText(req: HonoRequest): Promise<string> {
  return utf8Text(await req.arrayBuffer());
}

/**
 * The media type of a Content-Type header, lower case and without parameters: media types
 * are case-insensitive (RFC 9110 8.3.1), so `Application/JSON; charset=utf-8` is JSON.
 */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
}
