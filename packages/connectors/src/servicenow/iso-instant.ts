import { formatInstant, type Instant } from '@breachless/core';

const DAY_MS = 86_400_000;

/**
 * `formatInstant`, computed with integer arithmetic for the years 1000 to 9999: the mapping
 * writes an instant for every row of a log, and a `Date` and its ISO text for each cost more
 * than reading the row. Other instants are left to `formatInstant`.
 */
export function isoInstant(at: Instant): string {
  // 1000-01-01 and 10000-01-01: four-digit years only.
  if (!(at >= -30_610_224_000_000 && at < 253_402_300_800_000)) return formatInstant(at);
  const days = Math.floor(at / DAY_MS);
  const seconds = Math.floor((at - days * DAY_MS) / 1000);
  // Days to a civil date (Howard Hinnant's days_from_civil, inverted), years from March.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(seconds / 3600);
  const minute = Math.floor((seconds % 3600) / 60);
  return `${year}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(seconds % 60)}Z`;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}
