import { z } from 'zod';
import { isKnownRegion } from '../calendar/holidays.js';
import type { CalendarSpec, LocalInterval } from '../calendar/types.js';
import { WEEKDAYS } from '../calendar/types.js';
import { requiredId } from '../short-text.js';
import { isTimeZone } from '../time/zone.js';
import { choose } from './choose.js';

const TIME = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function minutes(text: string): number {
  return Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));
}

const interval = z.tuple([z.string(), z.string()]).transform((pair, ctx): LocalInterval => {
  const [open, close] = pair;
  for (const [i, text] of [open, close].entries()) {
    if (!TIME.test(text))
      ctx.addIssue({ code: 'custom', path: [i], message: `"${text}" is not a time HH:MM` });
  }
  if (open === '24:00')
    ctx.addIssue({ code: 'custom', path: [0], message: 'an interval cannot open at 24:00' });
  if (open === close) ctx.addIssue({ code: 'custom', message: `opens and closes at ${open}` });
  return { open: minutes(open), close: minutes(close) };
});

const dayHours = z.array(interval);
const weekHours = z.strictObject(
  Object.fromEntries(WEEKDAYS.map((day) => [day, dayHours.optional()])),
);
const ALL_DAY: readonly LocalInterval[] = [{ open: 0, close: 1440 }];

// Every schema `choose` picks is built once: building zod schemas per value made a config
// of 100 calendars with 1,000 holidays each take two seconds to validate.
const aroundTheClock = z
  .literal('24x7', { error: (iss) => `"${String(iss.input)}" is not "24x7" or weekly hours` })
  .transform(() => WEEKDAYS.map(() => ALL_DAY));
const weekly = weekHours.transform((week) => WEEKDAYS.map((day) => week[day] ?? []));
const hours = choose((value) => (typeof value === 'string' ? aroundTheClock : weekly));

/** A local date that exists: the pattern alone would let 2026-02-30 through. */
const date = z
  .string()
  .refine(
    (text) => DATE.test(text) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text),
    {
      error: (iss) => `"${String(iss.input)}" is not a date YYYY-MM-DD`,
    },
  );
const closedDay = date.transform((d) => ({ date: d, hours: [] as LocalInterval[] }));
const specialDay = z.strictObject({ date, hours: dayHours });
const holiday = choose((value) => (typeof value === 'string' ? closedDay : specialDay));

const publicHolidays = z
  .strictObject({
    country: z.string(),
    state: z.string().optional(),
    region: z.string().optional(),
  })
  .superRefine((spec, ctx) => {
    if (!isKnownRegion(spec)) {
      const where = [spec.country, spec.state, spec.region].filter(Boolean).join('/');
      ctx.addIssue({
        code: 'custom',
        message: `"${where}" is not a country/region the holiday library knows`,
      });
    }
  });

/** One calendar of the config file (semantics.md section 2). */
export const calendarSchema = z
  .strictObject({
    id: requiredId,
    timezone: z.string().refine((zone) => isTimeZone(zone), {
      error: (iss) => `"${String(iss.input)}" is not an IANA time zone`,
    }),
    timezoneFrom: z
      .string()
      .regex(/^custom\..+/, { error: (iss) => `"${String(iss.input)}" is not custom.<key>` })
      .optional(),
    hours,
    holidays: z.array(holiday).optional(),
    publicHolidays: publicHolidays.optional(),
  })
  .superRefine((calendar, ctx) => {
    if (calendar.hours.every((day) => day.length === 0)) {
      ctx.addIssue({ code: 'custom', path: ['hours'], message: 'no business hours on any day' });
    }
  })
  .transform(
    (calendar): CalendarSpec => ({
      id: calendar.id,
      timezone: calendar.timezone,
      week: calendar.hours,
      holidays: new Map((calendar.holidays ?? []).map((h) => [h.date, h.hours])),
      publicHolidays: calendar.publicHolidays,
      ...(calendar.timezoneFrom ? { timezoneFrom: calendar.timezoneFrom } : {}),
    }),
  );
