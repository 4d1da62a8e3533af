import { sql } from 'drizzle-orm';
import type { Database } from '../storage/index.js';
import { executePrepared, rowsOf } from '../storage/index.js';
import { ReadBatch } from './read-batch.js';

/** What a webhook delivery needs before its body is read. */
export interface WebhookCredentials {
  /** The secrets that verify the tenant's webhooks from the platform, oldest first. */
  readonly secrets: string[];
  /** The tenant's current config version, 0 before the first. */
  readonly configVersion: number;
}

/** A delivery's tenant and platform. */
interface Key {
  readonly tenant: string;
  readonly platform: string;
}

const keyOf = (tenant: string, platform: string) => JSON.stringify([tenant, platform]);

/**
 * The secrets that verify a tenant's webhooks from a platform (oldest first) and the tenant's
 * current config version (0 before the first, for `EngineCache.engineFor`), for many
 * deliveries at once, as `TokenVerifier` checks bearer tokens:
 * while one read runs, the deliveries arriving meanwhile wait and are read together by the
 * next one, one prepared statement for every tenant and platform among them. A delivery
 * never shares a read sent before it arrived, so a secret removed before then no longer
 * verifies it. Nothing is kept between reads. Each delivery read its credentials with a
 * statement (and transaction) of its own: from 10 senders, one statement a delivery where
 * `POST /v1/events` shares one token check among the requests arriving together.
 */
export class WebhookCredentialsReader {
  readonly #reads = new ReadBatch((keys: readonly Key[]) => this.#readAll(keys));

  constructor(private readonly db: Database) {}

  /** The platform's secrets of the tenant and its config version, read after this call. */
  read(tenant: string, platform: string): Promise<WebhookCredentials> {
    return this.#reads.ask({ tenant, platform });
  }

  /** One read for the distinct tenants and platforms of a batch. */
  async #readAll(keys: readonly Key[]) {
    const distinct = new Map(keys.map((k) => [keyOf(k.tenant, k.platform), k]));
    const found = await this.#read([...distinct.values()]);
    return (k: Key): WebhookCredentials =>
      found.get(keyOf(k.tenant, k.platform)) ?? { secrets: [], configVersion: 0 };
  }

  /** Each tenant and platform's credentials, by `keyOf`. */
  async #read(keys: readonly Key[]) {
    // The keys travel as one JSON parameter, so the statement's text, and with it the
    // prepared statement, is the same however many deliveries share it.
    const doc = JSON.stringify(keys.map((k) => [k.tenant, k.platform]));
    const rows = rowsOf<{
      tenant: string;
      platform: string;
      secrets: string[] | null;
      version: number | null;
    }>(
      await executePrepared(
        this.db,
        sql`select k.value->>0 as tenant, k.value->>1 as platform,
          (select array_agg(s.secret order by s.created_at) from webhook_secrets s
            where s.tenant_id = k.value->>0 and s.platform = k.value->>1) as secrets,
          (select c.version from configs c where c.tenant_id = k.value->>0
            order by c.version desc limit 1) as version
        from jsonb_array_elements(${doc}::jsonb) as k`,
      ),
    );
    return new Map(
      rows.map((r) => [
        keyOf(r.tenant, r.platform),
        { secrets: r.secrets ?? [], configVersion: Number(r.version ?? 0) },
      ]),
    );
  }
}
