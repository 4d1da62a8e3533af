import type { ImportStats } from '@breachless/connectors';
import type { ImportSummary } from '@breachless/db';

/**
 * The closing lines of `breachless import`: what the database did with the events, then
 * what the connector read and left out, so every record of the file is accounted for.
 * Without a config, recomputing computes no cycle: the line says so rather than "recomputed".
 */
export function importSummary(
  summary: ImportSummary,
  stats: ImportStats,
  configured = true,
): string[] {
  const counts = (label: string, entries: Readonly<Record<string, number>>) =>
    Object.entries(entries).map(([reason, n]) => `  ${label} ${n}: ${reason}`);
  return [
    `  records read ${stats.records}, mapped to ${stats.events} events`,
    `  events: ${summary.accepted} new, ${summary.duplicates} duplicates (already known), ${summary.rejected} rejected`,
    configured
      ? `  tickets recomputed ${summary.tickets}`
      : `  tickets ${summary.tickets}: no cycle computed, the tenant has no config`,
    ...counts('skipped', stats.skipped),
    ...counts('adjusted', stats.adjusted),
    ...stats.notes.map((note) => `  note: ${note}`),
    ...summary.rejections.map(
      (r) =>
        `  rejected line ${r.line}: ${r.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
    ),
    ...(summary.rejected > summary.rejections.length
      ? [`  ... and ${summary.rejected - summary.rejections.length} more rejected lines`]
      : []),
  ];
}

/**
 * The warning of an import into a tenant with no config: its events are stored but no
 * cycle is computed, so every report is empty. It names the command that fixes it.
 */
export function noConfigWarning(tenant: string, format: string): string {
  // The ServiceNow sample's config ships beside it; other sources need a config of their own.
  const file = format === 'servicenow-csv' ? 'data/servicenow.config.yaml' : 'FILE';
  return [
    `breachless: WARNING: tenant ${tenant} has no config: events are stored, but no SLA cycle`,
    '  is computed and reports stay empty. Save a config and recompute every ticket with:',
    `    npx breachless config set --tenant ${tenant} ${file}`,
    ...(file === 'FILE' ? ['  (FILE: a config as in docs/formats.md)'] : []),
    '',
  ].join('\n');
}

/** Whether two config bodies hold the same document (key order aside: jsonb reorders keys). */
export function sameBody(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}
