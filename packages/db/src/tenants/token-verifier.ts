import { sql } from 'drizzle-orm';
import type { Database } from '../storage/index.js';
import { executePrepared, rowsOf } from '../storage/index.js';
import { ReadBatch } from './read-batch.js';
import { secretMatches, tokenParts, type VerifiedToken } from './token-secret.js';

type TokenParts = NonNullable<ReturnType<typeof tokenParts>>;

/**
 * Checks bearer tokens against the database for many requests at once: while one check is
 * running, the tokens of requests arriving meanwhile wait and are read together by the
 * next one, one prepared statement for all of them. A request never shares a check that
 * was sent before it arrived: its check reads the table after the request came, so a token
 * whose revocation committed before then is refused, as `revokeToken` promises ("stops
 * working at once"; ReadBatch). Nothing is kept between checks. On a busy API this turns a
 * statement (and its transaction) a request into one a few requests, which is where a
 * one-event webhook's PostgreSQL time went besides the ingest itself.
 */
export class TokenVerifier {
  readonly #checks = new ReadBatch((tokens: readonly TokenParts[]) => this.#check(tokens));

  constructor(private readonly db: Database) {}

  /** The token's tenant and id, or `undefined` for a malformed, unknown or revoked token. */
  verify(token: string): Promise<VerifiedToken | undefined> {
    const parts = tokenParts(token);
    return parts ? this.#checks.ask(parts) : Promise.resolve(undefined);
  }

  /** One read for the tokens of a batch, each then matched against its own secret. */
  async #check(tokens: readonly TokenParts[]) {
    const found = await this.#read([...new Set(tokens.map((t) => t.id))]);
    return (t: TokenParts): VerifiedToken | undefined => {
      const row = found.get(t.id);
      return row && secretMatches(row.secret_hash, t.secret)
        ? { tenant: row.tenant_id, tokenId: t.id }
        : undefined;
    };
  }

  /** The unrevoked tokens among `ids`, by id. */
  async #read(ids: readonly string[]) {
    // The ids travel as one JSON array parameter, so the statement's text, and with it the
    // prepared statement, is the same however many requests share it.
    const rows = rowsOf<{ id: string; tenant_id: string; secret_hash: string }>(
      await executePrepared(
        this.db,
        sql`select id, tenant_id, secret_hash from api_tokens
          where id = any(array(select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)))
            and revoked_at is null`,
      ),
    );
    return new Map(rows.map((r) => [r.id, r]));
  }
}
