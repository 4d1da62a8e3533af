import type { ServerResponse } from 'node:http';

/** Which notification a message announces: the Slack app's message metadata (alert.ts). */
export interface AlertKey {
  readonly ticket: string;
  readonly metric: string;
  readonly cycle: number;
  readonly level: string;
}

/** A user the fake workspace knows, as `users.info` describes them. */
export interface SlackUser {
  readonly id: string;
  readonly tz?: string;
  readonly is_admin?: boolean;
  readonly is_owner?: boolean;
  readonly email?: string;
}

/** A scripted failure: an HTTP status (429 with Retry-After seconds, 5xx) or a platform error. */
export type Failure =
  | { status: 429; retryAfter: number }
  | { status: 500 | 502 | 503 }
  | { error: string };

/** Who the fake says the bot is (`auth.test`), as a single-workspace install asks at start. */
export const FAKE_BOT = { user_id: 'UBOT', bot_id: 'B1', team_id: 'T1' } as const;

/** Answers one Web API call the way Slack does, for a call the fake accepts. */
export function answerCall(
  method: string,
  args: Record<string, unknown>,
  fake: { nextTs(): number; users: ReadonlyMap<string, SlackUser>; uploadUrl: string },
): Record<string, unknown> {
  switch (method) {
    case 'auth.test':
      return { ok: true, ...FAKE_BOT };
    case 'chat.postMessage':
      return { ok: true, channel: args.channel, ts: `${fake.nextTs()}.000100` };
    case 'chat.update':
      return { ok: true, channel: args.channel, ts: args.ts };
    case 'files.getUploadURLExternal': {
      const id = `F${fake.nextTs()}`;
      return { ok: true, file_id: id, upload_url: `${fake.uploadUrl}${id}` };
    }
    case 'files.completeUploadExternal':
      return { ok: true, files: JSON.parse(String(args.files ?? '[]')) };
    case 'conversations.open':
      return { ok: true, channel: { id: `D-${String(args.users)}` } };
    case 'users.info': {
      const user = fake.users.get(String(args.user));
      return user
        ? { ok: true, user: { ...user, profile: { email: user.email } } }
        : { ok: false, error: 'user_not_found' };
    }
    case 'users.lookupByEmail': {
      const user = [...fake.users.values()].find((u) => u.email === args.email);
      return user ? { ok: true, user } : { ok: false, error: 'users_not_found' };
    }
    default:
      return { ok: true };
  }
}

/** Web API calls are form-encoded with JSON inside (blocks), or JSON; `response_url` posts JSON. */
export function parseBody(raw: string, type: string): Record<string, unknown> {
  if (raw === '') return {};
  if (type.includes('json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    try {
      out[k] = k === 'blocks' || k === 'view' ? JSON.parse(v) : v;
    } catch {
      out[k] = v;
    }
  }
  return out;
}

/** The alert a posted message announces, from its metadata (a JSON string when form-encoded). */
export function alertOf(metadata: unknown): AlertKey | null {
  if (!metadata) return null;
  const parsed = (typeof metadata === 'string' ? JSON.parse(metadata) : metadata) as {
    event_type?: string;
    event_payload?: Record<string, unknown>;
  };
  const p = parsed.event_payload;
  if (parsed.event_type !== 'breachless_sla_alert' || typeof p?.level !== 'string') return null;
  return {
    ticket: String(p.ticket),
    metric: String(p.metric),
    cycle: Number(p.cycle),
    level: p.level,
  };
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Answers a call as Slack fails it; returns the HTTP status sent (200 for a platform error). */
export function refuse(res: ServerResponse, f: Failure): number {
  if ('error' in f) {
    json(res, 200, { ok: false, error: f.error });
    return 200;
  }
  if (f.status === 429) {
    res.writeHead(429, { 'retry-after': String(f.retryAfter), 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
  } else json(res, f.status, { ok: false, error: 'internal_error' });
  return f.status;
}
