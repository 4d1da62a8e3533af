import { ALWAYS_OPEN_ID } from '../calendar/compile.js';
import type { Problem } from '../errors.js';
import { LIMITS } from '../limits.js';
import { isTimeZone } from '../time/zone.js';
import { isDate } from './contract-schema.js';

type Raw = Record<string, unknown>;
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const record = (value: unknown): Raw =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : {};
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/**
 * The checks of the `contracts:` section that span entries, on the raw value so that every
 * problem shows at once: a contract id used twice, an organization under two contracts, an
 * unknown zone or calendar, versions out of order or overlapping, credits without a fee.
 */
export function contractProblems(value: unknown, calendarIds: ReadonlySet<unknown>): Problem[] {
  const problems: Problem[] = [];
  const ids = new Set<string>();
  const owners = new Map<string, { name: string; index: number }>();
  const zones = new Map<string, boolean>();
  const known = new Set([ALWAYS_OPEN_ID, ...calendarIds]);
  for (const [i, item] of list(record(value).contracts).entries()) {
    const contract = record(item);
    const at = `contracts[${i}]`;
    const id = text(contract.id);
    if (id !== undefined && ids.has(id))
      problems.push({ path: `${at}.id`, message: `"${id}" is used twice` });
    if (id !== undefined) ids.add(id);
    for (const [j, org] of list(contract.organizations).entries()) {
      if (typeof org !== 'string') continue;
      const owner = owners.get(org);
      if (owner !== undefined)
        problems.push({
          path: `${at}.organizations[${j}]`,
          message:
            owner.index === i
              ? `"${org}" is listed twice`
              : `"${org}" is already under contract "${owner.name}": an organization has one contract`,
        });
      else owners.set(org, { name: id ?? `contracts[${i}]`, index: i });
    }
    const zone = contract.timezone;
    // Asked once per zone: the zone library's check costs a fraction of a millisecond.
    if (typeof zone === 'string' && !zones.has(zone)) zones.set(zone, isTimeZone(zone));
    const zoneOk = zone === undefined || (typeof zone === 'string' && zones.get(zone) === true);
    if (!zoneOk)
      problems.push({
        path: `${at}.timezone`,
        message: `"${String(zone)}" is not an IANA time zone`,
      });
    problems.push(...versionProblems(list(contract.versions), at, known));
  }
  return problems;
}

function versionProblems(versions: unknown[], at: string, known: Set<unknown>): Problem[] {
  const problems: Problem[] = [];
  let previous: { from: string; until: string | undefined } | undefined;
  for (const [j, item] of versions.entries()) {
    const v = record(item);
    const path = `${at}.versions[${j}]`;
    const calendar = text(v.calendar);
    if (calendar !== undefined && !known.has(calendar))
      problems.push({ path: `${path}.calendar`, message: `"${calendar}" is not a calendar` });
    const credits = list(v.credits);
    if ((credits.length > 0 || v.cap !== undefined) && v.fee === undefined)
      problems.push({
        path: `${path}.fee`,
        message: 'is required with credits or a cap: credits are shares and amounts of the fee',
      });
    const from = dateOf(v.from);
    const until = dateOf(v.until);
    for (const [key, d] of [
      ['from', from],
      ['until', until],
    ] as const) {
      const start = d === undefined ? undefined : Date.parse(`${d}T00:00:00Z`);
      if (start !== undefined && (start < LIMITS.firstInstant || start >= LIMITS.endInstant))
        problems.push({
          path: `${path}.${key}`,
          message: 'must be from 2000-01-01 and before 2060-01-01',
        });
    }
    if (from !== undefined && until !== undefined && until <= from)
      problems.push({ path: `${path}.until`, message: `must be after from (${from})` });
    if (from !== undefined && previous !== undefined) {
      if (from <= previous.from)
        problems.push({
          path: `${path}.from`,
          message: `versions are listed in the order they start: ${from} is not after ${previous.from}`,
        });
      else if (previous.until !== undefined && from < previous.until)
        problems.push({
          path: `${path}.from`,
          message: `overlaps version ${j}, which runs until ${previous.until}`,
        });
    }
    if (from !== undefined) previous = { from, until };
  }
  return problems;
}

/** A well-formed date string (`YYYY-MM-DD` compares as text in date order), else `undefined`. */
function dateOf(value: unknown): string | undefined {
  return isDate(value) ? value : undefined;
}
