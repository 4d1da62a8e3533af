import { DateTime } from 'luxon';
import type { AlertView } from './types.js';

/**
 * A span as people say it: `45m`, `2h 5m`, `3d 4h`; seconds only under a minute. Two units at
 * most: an alert reader wants the order of magnitude, not the seconds.
 */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  if (days > 0) return hours > 0 ? `${days}d ${hours}h` : `${days}d`;
  if (hours > 0) return minutes > 0 ? `${hours}h ${minutes}m` : `${hours}h`;
  return `${minutes}m`;
}

/** `in 45m` or `45m ago`, from `now` (wall-clock time, which is what a reader feels). */
export function formatRelative(at: number, now: number): string {
  const seconds = (at - now) / 1000;
  return seconds >= 0 ? `in ${formatDuration(seconds)}` : `${formatDuration(-seconds)} ago`;
}

/** `Wed 25 Nov 14:05 EST`: an instant in the reader's zone, with the zone's abbreviation. */
export function formatLocal(at: number, zone: string): string {
  const local = DateTime.fromMillis(at, { zone });
  const valid = local.isValid ? local : DateTime.fromMillis(at, { zone: 'UTC' });
  return valid.toFormat('ccc d LLL HH:mm ZZZZ');
}

/** `93.02%`, or `n/a` when nothing counted. */
export function formatPct(pct: number | null): string {
  return pct === null ? 'n/a' : `${pct.toFixed(pct % 1 === 0 ? 0 : 1)}%`;
}

/** The metric as people say it: `first_response` to `first response`. */
export function metricLabel(metric: string): string {
  return metric.replaceAll('_', ' ');
}

const natural = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * Orders names as people count them: `Group 3` before `Group 29`, not after it as text would.
 * Missing names (`null`) come last.
 */
export function naturalCompare(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return natural.compare(a, b);
}

/** Cuts `text` to `max` characters, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** `▲ 4.5 pts`, `▼ 2 pts` or `=` from the period before, in brackets; nothing when either is missing. */
export function formatChange(now: number | null, before: number | null): string {
  if (now === null || before === null) return '';
  const d = Math.round((now - before) * 10) / 10;
  return d === 0 ? ' (=)' : ` (${d > 0 ? '▲' : '▼'} ${Math.abs(d)} pts)`;
}

/**
 * What an alert says first, in words every platform shows the same way: `First response due
 * in 29m`, `... breached 1m ago`, `... achieved`, `... no longer measured`.
 */
export function alertHeadline(v: AlertView): string {
  const metric = metricLabel(v.metric);
  const Metric = metric.charAt(0).toUpperCase() + metric.slice(1);
  switch (v.state.kind) {
    case 'warning': {
      // A warning noticed late may find its cycle already past due: say when it was due.
      const due = v.dueAt ?? v.breachedAt;
      return `${Metric} due ${due === null ? 'soon' : formatRelative(due, v.now)}`;
    }
    case 'breached':
      return `${Metric} breached${v.breachedAt === null ? '' : ` ${formatRelative(v.breachedAt, v.now)}`}`;
    case 'achieved':
      return `${Metric} achieved`;
    case 'cancelled':
      return `${Metric} no longer measured`;
  }
}
