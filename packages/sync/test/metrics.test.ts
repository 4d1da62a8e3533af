// The worker's /metrics lines for connections: Prometheus' text format (0.0.4), one series a
// connection, a value not known yet left out.
import { type ConnectionHealth, healthOf } from '@breachless/db/sync';
import { describe, expect, it } from 'vitest';
import { syncMetricsText } from '../src/metrics.js';

const NOW = Date.parse('2026-11-25T18:00:00Z');
const row = {
  tenantId: 'acme',
  platform: 'github',
  baseUrl: 'https://api.github.com',
  settings: {},
  phase: 'reconcile',
  cursor: '{}',
  cursorAt: new Date(NOW - 150_000),
  intervalSeconds: 300,
  nextRunAt: new Date(NOW + 150_000),
  leaseUntil: null,
  leaseOwner: null,
  lastSuccessAt: new Date(NOW - 30_000),
  lastAttemptAt: new Date(NOW - 30_000),
  lastError: null,
  lastErrorAt: null,
  failures: 0,
  backfilled: { records: 10, stored: 60, seen: 0, duplicates: 0, rejected: 1 },
  reconciled: { records: 4, stored: 3, seen: 1, duplicates: 0, rejected: 0 },
  createdAt: new Date(NOW - 86_400_000),
  credentialsChangedAt: new Date(NOW - 86_400_000),
};

describe('sync metrics', () => {
  it('says each connection’s state, last success, lag, repairs, rejections and failures', () => {
    const ok = healthOf(row, NOW);
    const failing: ConnectionHealth = healthOf(
      {
        ...row,
        tenantId: 'we"ird',
        platform: 'jira',
        failures: 2,
        lastSuccessAt: null,
        cursorAt: null,
      },
      NOW,
    );
    const text = syncMetricsText([ok, failing]);
    const labels = 'tenant="acme",platform="github"';
    expect(text).toContain(`breachless_sync_up{${labels},state="ok"} 1\n`);
    expect(text).toContain(
      `breachless_sync_last_success_timestamp_seconds{${labels}} ${(NOW - 30_000) / 1000}\n`,
    );
    expect(text).toContain(`breachless_sync_lag_seconds{${labels}} 150\n`);
    expect(text).toContain(`breachless_sync_repaired_events_total{${labels}} 3\n`);
    expect(text).toContain(`breachless_sync_rejected_records_total{${labels}} 1\n`);
    expect(text).toContain(
      'breachless_sync_up{tenant="we\\"ird",platform="jira",state="failing"} 0\n',
    );
    expect(text).toContain('breachless_sync_failures{tenant="we\\"ird",platform="jira"} 2\n');
    // Never synced: no last success and no lag, rather than a zero that reads as 1970.
    expect(text).not.toMatch(/last_success_timestamp_seconds\{tenant="we/);
    expect(text).not.toMatch(/lag_seconds\{tenant="we/);
    expect(text.match(/^# TYPE /gm)).toHaveLength(6);
  });
});
