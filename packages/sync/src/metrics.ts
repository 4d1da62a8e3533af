import type { ConnectionHealth } from '@breachless/db/sync';

const METRICS = [
  [
    'breachless_sync_up',
    'gauge',
    'Whether the connection keeps up: 1 when ok, 0 when backfilling, failing or lagging.',
  ],
  [
    'breachless_sync_last_success_timestamp_seconds',
    'gauge',
    'When the connection last read its helpdesk without error (Unix seconds).',
  ],
  [
    'breachless_sync_lag_seconds',
    'gauge',
    'Now minus the instant up to which every change of the helpdesk has been read.',
  ],
  [
    'breachless_sync_repaired_events_total',
    'counter',
    'Events reconciliation stored that no webhook delivered: above zero, webhooks are lost.',
  ],
  [
    'breachless_sync_rejected_records_total',
    'counter',
    'Records read from the helpdesk that could not be mapped (backfill and reconcile).',
  ],
  ['breachless_sync_failures', 'gauge', 'Failed reads in a row (0 after a success).'],
] as const;

/**
 * Each connection's health in the Prometheus text format (0.0.4), for the worker's
 * `/metrics`: labelled by tenant, platform and (on `breachless_sync_up`) state. A value not
 * known yet (never synced, nothing read) is left out rather than reported as zero.
 */
export function syncMetricsText(all: readonly ConnectionHealth[]): string {
  const lines: string[] = [];
  for (const [name, type, help] of METRICS) {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const h of all) {
      const value = sample(name, h);
      if (value === null) continue;
      const state = name === 'breachless_sync_up' ? `,state="${h.state}"` : '';
      lines.push(`${name}{tenant="${label(h.tenant)}",platform="${h.platform}"${state}} ${value}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function sample(name: (typeof METRICS)[number][0], h: ConnectionHealth): number | null {
  switch (name) {
    case 'breachless_sync_up':
      return h.state === 'ok' ? 1 : 0;
    case 'breachless_sync_last_success_timestamp_seconds':
      return h.lastSuccessAt === null ? null : Date.parse(h.lastSuccessAt) / 1000;
    case 'breachless_sync_lag_seconds':
      return h.lagSeconds;
    case 'breachless_sync_repaired_events_total':
      return h.repaired;
    case 'breachless_sync_rejected_records_total':
      return h.backfill.rejected + h.reconcile.rejected;
    case 'breachless_sync_failures':
      return h.failures;
  }
}

// Label values escape backslash, double quote and newline (the text format's rule).
const label = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
