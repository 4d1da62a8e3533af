import { parseConfig, readConfigDocument } from '@breachless/core';
import { applyConfig, configVersion, currentConfigVersion } from '@breachless/db';
import { parseCommandLine, required } from '../args.js';
import { describeDatabase, openServiceDatabase } from '../database.js';
import { UsageError } from '../errors.js';
import { type Io, readUserFile } from '../io.js';
import { batchFlag, recomputeSummary, recomputeWithProgress } from './recompute.js';

const CONFIG_USAGE = `Usage: breachless config set --tenant ID FILE [--batch N]
       breachless config get --tenant ID

set: validates FILE (YAML or JSON, docs/formats.md): every problem is listed by path and
  nothing is saved (exit 2). Saves it as the tenant's current config, then recomputes every
  ticket of the tenant, closed ones included, in batches with progress on stderr
  (breachless recompute). Until a batch commits, reports show its tickets' cycles as they
  were under the previous config.
get: prints the tenant's current config as JSON (which config set reads back).
  --batch N      tickets per transaction while recomputing (default 500)`;

/** `breachless config set|get`. */
export async function configCommand(argv: readonly string[], io: Io): Promise<number> {
  const [action, ...rest] = argv;
  const known = action === 'set' || action === 'get';
  const { flags, positionals } = parseCommandLine(
    known ? rest : argv,
    { tenant: { type: 'string' }, batch: { type: 'string' } },
    CONFIG_USAGE,
  );
  if (flags.help) {
    io.stdout(`${CONFIG_USAGE}\n`);
    return 0;
  }
  if (!known)
    throw new UsageError(
      action === undefined ? 'missing set or get' : `unknown config command "${action}"`,
      CONFIG_USAGE,
    );
  const tenant = required(flags.tenant, 'tenant', CONFIG_USAGE);
  const expected = action === 'set' ? 1 : 0;
  if (positionals.length !== expected)
    throw new UsageError(
      positionals.length < expected
        ? 'missing FILE'
        : `unexpected argument "${positionals.at(-1)}"`,
      CONFIG_USAGE,
    );
  const file = positionals[0];
  // Validated before the database is opened: a bad file touches nothing.
  const body =
    file === undefined ? undefined : readConfigDocument(readUserFile(io, file, 'config file'));
  if (body !== undefined) parseConfig(body);
  const batchSize = batchFlag(flags.batch, 500);
  const handle = await openServiceDatabase(io);
  try {
    if (body === undefined) {
      // The stored body as it is, even one this version refuses: it is what to mend.
      const version = await currentConfigVersion(handle.db, tenant);
      const stored = await configVersion(handle.db, tenant, version);
      if (!stored) throw new UsageError(`tenant ${tenant} has no config`);
      io.stderr(`config version ${stored.version} of tenant ${tenant}, by ${stored.changedBy}\n`);
      io.stdout(`${JSON.stringify(stored.body, null, 2)}\n`);
      return 0;
    }
    // Open tickets move to the new config with the save, in one transaction, as PUT /v1/config
    // does: a config that breaks tickets the previous one evaluates is refused there.
    const saved = await applyConfig(handle.db, tenant, body, `cli:${file}`, io.now());
    io.stderr(
      `saved config version ${saved.version} of tenant ${tenant}; recomputing every ticket\n`,
    );
    const result = await recomputeWithProgress(handle.db, tenant, io, batchSize);
    io.stdout(
      `config version ${saved.version} saved\n${recomputeSummary(tenant, describeDatabase(io), result)}\n`,
    );
    return 0;
  } finally {
    await handle.close();
  }
}
