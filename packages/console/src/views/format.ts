/** An instant as the console shows it: UTC to the minute, the same on every screen. */
export const utc = (ms: number) =>
  `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** A span of seconds as `2d 3h`, `1h 20m` or `45m` (whole minutes; `<1m` below one). */
export function span(seconds: number): string {
  const s = Math.abs(Math.round(seconds));
  if (s < 60) return '<1m';
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return h > 0 ? `${d}d ${h}h` : `${d}d`;
  if (h > 0) return m > 0 ? `${h}h ${m}m` : `${h}h`;
  return `${m}m`;
}

/** A compliance percentage with one decimal, or an em dash when nothing counted. */
export const pct = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : `${value.toFixed(1)}%`;
