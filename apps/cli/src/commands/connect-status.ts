import { connectionHealth, removeConnection } from '@breachless/db/sync';
import { openServiceDatabase } from '../database.js';
import { describeHealth } from '../doctor/sync.js';
import { ActionableError } from '../errors.js';
import type { Io } from '../io.js';

/** `breachless connect status [--tenant ID]`: one line per connection, never a credential. */
export async function connectStatus(io: Io, tenant: string | undefined): Promise<number> {
  const handle = await openServiceDatabase(io);
  try {
    const all = await connectionHealth(handle.db, io.now(), tenant);
    io.stdout(
      all.length === 0
        ? `no helpdesk connected${tenant === undefined ? '' : ` for tenant ${tenant}`}\n`
        : `${all.map(describeHealth).join('\n')}\n`,
    );
    return 0;
  } finally {
    await handle.close();
  }
}

/** `breachless connect remove P --tenant ID`: sync stops; stored events stay. */
export async function removeConnected(io: Io, tenant: string, platform: string): Promise<number> {
  const handle = await openServiceDatabase(io);
  try {
    if (!(await removeConnection(handle.db, tenant, platform)))
      throw new ActionableError(`tenant ${tenant} has no ${platform} connection`);
    io.stdout(`disconnected ${platform} for tenant ${tenant}; the events it stored stay\n`);
    return 0;
  } finally {
    await handle.close();
  }
}
