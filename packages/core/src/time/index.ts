export { formatDuration, parseDuration } from './duration.js';
export { daysInMonth, formatInstant, type Instant, parseInstant } from './instant.js';
export { isTimeZone, localDateStart, localToInstant } from './zone.js';
