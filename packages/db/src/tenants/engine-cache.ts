import { Engine, parseConfig } from '@breachless/core';
import type { Database } from '../storage/index.js';
import { currentConfig, currentConfigVersion } from './config-store.js';

const EMPTY = parseConfig({});

/**
 * One compiled Engine per tenant and config version: compiling calendars is the expensive
 * part, and a new config version replaces the engine on next use.
 */
export class EngineCache {
  readonly #engines = new Map<string, { version: number; engine: Engine }>();

  /**
   * The engine for the tenant's current config (one with no policies before the first).
   * @param version the current config version when the caller has read it already (ingest
   *   reads it in the same round trip as its locks); read here otherwise
   */
  async engineFor(db: Database, tenant: string, version?: number): Promise<Engine> {
    // Every request asks; only a new version reads and validates the config body again.
    const cached = this.#engines.get(tenant);
    if (cached && cached.version === (version ?? (await currentConfigVersion(db, tenant))))
      return cached.engine;
    const stored = await currentConfig(db, tenant);
    const engine = new Engine(stored?.config ?? EMPTY);
    this.#engines.set(tenant, { version: stored?.version ?? 0, engine });
    return engine;
  }
}
