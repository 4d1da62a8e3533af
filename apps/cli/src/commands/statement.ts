import { parseFlags } from '../args.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';

const STATEMENT_USAGE = `Usage: breachless statement --tenant ID --month YYYY-MM [--contract ID] [--organization NAME]
                          [--format csv|json]

The month's contract statements from the database: per contract and organization, each
metric's compliance against the contract's goal with its breached cycles, and the service
credits owed with the cycles that caused them, capped (docs/formats.md).
  --tenant ID          the tenant (required)
  --month YYYY-MM      the month, read in each contract's zone (required)
  --contract ID        only this contract
  --organization NAME  only this organization
  --format csv|json    CSV, a line per metric, credit and total (default), or JSON
DATABASE_URL or BREACHLESS_DATA_DIR as for migrate.`;

/** `breachless statement`: the month's contract statements with service credits. */
export async function statementCommand(argv: readonly string[], io: Io): Promise<number> {
  const flags = parseFlags(
    argv,
    {
      tenant: { type: 'string' },
      month: { type: 'string' },
      contract: { type: 'string' },
      organization: { type: 'string' },
      format: { type: 'string' },
    },
    STATEMENT_USAGE,
  );
  if (flags.help) {
    io.stdout(`${STATEMENT_USAGE}\n`);
    return 0;
  }
  if (!flags.tenant) throw new UsageError('missing --tenant', STATEMENT_USAGE);
  if (!flags.month) throw new UsageError('missing --month', STATEMENT_USAGE);
  const format = flags.format ?? 'csv';
  if (format !== 'csv' && format !== 'json')
    throw new UsageError(`--format: "${format}" is not csv or json`, STATEMENT_USAGE);
  // The database code is loaded here, not with the command list: --help loads no driver.
  const [{ contractStatements, StatementError }, core, { openServiceDatabase }] = await Promise.all(
    [import('@breachless/db'), import('@breachless/core'), import('../database.js')],
  );
  const handle = await openServiceDatabase(io);
  try {
    const query = {
      month: flags.month,
      contract: flags.contract,
      organization: flags.organization,
    };
    const statements = await contractStatements(handle.db, flags.tenant, query).catch(
      (error: unknown) => {
        throw error instanceof StatementError
          ? new UsageError(`--${error.path}: ${error.message}`)
          : error;
      },
    );
    io.stdout(
      format === 'csv'
        ? core.statementCsv(statements)
        : `${JSON.stringify({ statements: statements.map(core.statementJson) }, null, 2)}\n`,
    );
    return 0;
  } finally {
    await handle.close();
  }
}
