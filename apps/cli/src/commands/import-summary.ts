import type { ImportStats } from '@breachless/connectors';
import type { ImportSummary } from '@breachless/db';

/**
 * The closing lines of `breachless import`: what the database did with the events, then
 * what the connector read and left out, so every record of the file is accounted for.
 */
export function importSummary(summary: ImportSummary, stats: ImportStats): string[] {
  const counts = (label: string, entries: Readonly<Record<string, number>>) =>
    Object.entries(entries).map(([reason, n]) => `  ${label} ${n}: ${reason}`);
  return [
    `  records read ${stats.records}, mapped to ${stats.events} events`,
    `  events: ${summary.accepted} new, ${summary.duplicates} duplicates (already known), ${summary.rejected} rejected`,
    `  tickets recomputed ${summary.tickets}`,
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
