import type { WebClient } from '@slack/web-api';

/** What we need to know about the person typing a command. */
export interface Reader {
  /** Their IANA zone from their Slack profile; UTC when Slack does not say. */
  readonly zone: string;
  /** Workspace admin, owner or primary owner, as `users.info` reports them. */
  readonly admin: boolean;
}

const TTL_MS = 10 * 60_000;

/**
 * Slack profiles by workspace and user, looked up with `users.info` and kept ten minutes, so a
 * burst of commands costs one call per person. A lookup that fails yields UTC and no admin
 * rights: a command still answers, and a refusal never rests on a guess.
 */
export class Readers {
  readonly #cache = new Map<string, { reader: Reader; until: number }>();
  constructor(private readonly clock: () => number) {}

  async of(client: WebClient, workspace: string, user: string): Promise<Reader> {
    const key = `${workspace}/${user}`;
    const hit = this.#cache.get(key);
    if (hit && hit.until > this.clock()) return hit.reader;
    let reader: Reader = { zone: 'UTC', admin: false };
    try {
      const res = await client.users.info({ user });
      const u = res.user;
      reader = {
        zone: u?.tz || 'UTC',
        admin: Boolean(u?.is_admin || u?.is_owner || u?.is_primary_owner),
      };
      this.#cache.set(key, { reader, until: this.clock() + TTL_MS });
    } catch {
      // Not cached: the next command asks again.
    }
    return reader;
  }
}

/** The refusal a non-manager gets, saying why and what to do instead. */
export const NOT_A_MANAGER =
  'Only workspace admins and owners, or people on the Breachless managers list, can change what this channel is subscribed to. Ask one of them; anyone can read with `/sla subscriptions`.';
