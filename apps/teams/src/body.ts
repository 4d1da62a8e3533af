import type { IncomingMessage } from 'node:http';
import { clientDataProblems } from '@breachless/core';

/** A request body read whole, or why it was not: an answer for the client if it is still there. */
export type BodyRead =
  | { readonly ok: true; readonly activity: Record<string, unknown> }
  | {
      readonly ok: false;
      readonly status: 400 | 413;
      readonly error: string;
      readonly problems?: readonly string[];
    };

const refuse = (status: 400 | 413, error: string, problems?: string[]): BodyRead => ({
  ok: false,
  status,
  error,
  ...(problems ? { problems } : {}),
});

/**
 * What every activity the Bot Connector sends carries and the bot reads before anything
 * else: without these the adapter or the turn would throw (a 500), though the mistake is
 * the sender's.
 */
function activityProblems(a: Record<string, unknown>): string[] {
  const text = (v: unknown) => typeof v === 'string' && v !== '';
  const id = (v: unknown) =>
    typeof v === 'object' && v !== null && text((v as { id?: unknown }).id);
  return [
    ...(text(a.type) ? [] : ['type: is required (a string)']),
    ...(text(a.serviceUrl) ? [] : ['serviceUrl: is required (a string)']),
    ...(['from', 'recipient', 'conversation'] as const).flatMap((k) =>
      id(a[k]) ? [] : [`${k}.id: is required (a string)`],
    ),
  ];
}

/**
 * Reads an activity: one JSON object with a `type`, at most `maxBytes`. Never rejects: a
 * client that vanishes mid-body (a `Content-Length` it never sends) makes the read fail,
 * and that is an answer like any other, not an unhandled rejection that ends the process.
 */
export async function readActivity(req: IncomingMessage, maxBytes: number): Promise<BodyRead> {
  const declared = Number(req.headers['content-length']);
  if (declared > maxBytes) return refuse(413, `the body is larger than ${maxBytes} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) return refuse(413, `the body is larger than ${maxBytes} bytes`);
      chunks.push(chunk as Buffer);
    }
  } catch {
    return refuse(400, 'the body ended before its Content-Length');
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return refuse(400, 'the body must be one JSON activity');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return refuse(400, 'the body must be one JSON activity');
  const activity = body as Record<string, unknown>;
  // What the database could not store (NUL, lone surrogates) or nesting no code should walk:
  // the conversation reference and card data are stored and serialised again.
  const problems = [
    ...activityProblems(activity),
    ...clientDataProblems(activity).map((p) => `${p.path}: ${p.message}`),
  ];
  if (problems.length > 0) return refuse(400, 'the body is not an activity', problems);
  return { ok: true, activity };
}
