import 'moment-business-time';
import moment from 'moment-timezone';
import { HOLIDAYS, ZONE } from '../office.js';

// moment-business-time adds methods to moment and reads working hours from the locale; it
// works on a moment's wall clock, which moment-timezone makes New York's, whatever the
// process zone.
moment.updateLocale('en', {
  workinghours: {
    0: null,
    1: ['09:00:00', '17:00:00'],
    2: ['09:00:00', '17:00:00'],
    3: ['09:00:00', '17:00:00'],
    4: ['09:00:00', '17:00:00'],
    5: ['09:00:00', '17:00:00'],
    6: null,
  },
  holidays: HOLIDAYS,
} as moment.LocaleSpecification);

interface BusinessMoment extends moment.Moment {
  addWorkingTime(n: number, unit: string): moment.Moment;
  workingDiff(other: moment.Moment, unit: string): number;
}

const at = (ms: number) => moment.tz(ms, ZONE) as BusinessMoment;

/** moment-business-time's `addWorkingTime`. */
export function momentAdd(from: number, seconds: number): number {
  return at(from).addWorkingTime(seconds, 'seconds').valueOf();
}

/** moment-business-time's `workingDiff`, in seconds. */
export function momentBetween(from: number, to: number): number {
  return at(to).workingDiff(at(from), 'seconds');
}
