import { describe, expect, it } from 'vitest';
import { ALERT_ACTIONS_DAYS, staleAlertNotice } from './alert-age.js';

const DAY = 86_400_000;
const due = '2026-11-23T15:00:00Z';
const dueMs = Date.parse(due);

describe('staleAlertNotice', () => {
  it('lets a click act up to the limit after the due instant, and says why after it', () => {
    const limit = dueMs + ALERT_ACTIONS_DAYS * DAY;
    expect(staleAlertNotice({ dueAt: due }, dueMs - DAY, 'UTC')).toBeUndefined();
    expect(staleAlertNotice({ dueAt: due }, limit, 'UTC')).toBeUndefined();
    expect(staleAlertNotice({ dueAt: due }, limit + 1, 'America/New_York')).toBe(
      'This alert is too old to act on: its cycle was due Mon 23 Nov 10:00 EST, more than 7 days ago. Nothing was recorded; a new warning or breach brings new buttons.',
    );
  });

  it('counts from the breach when the alert is one, and refuses a click a century late', () => {
    const breached = { dueAt: '2026-11-01T00:00:00Z', breachedAt: due };
    expect(staleAlertNotice(breached, dueMs + DAY, 'UTC')).toBeUndefined();
    expect(staleAlertNotice(breached, dueMs + 100 * 365 * DAY, 'UTC')).toMatch(/too old/);
  });

  it('acts when the alert carries no readable due instant (nothing to measure from)', () => {
    expect(staleAlertNotice({}, dueMs + 1000 * DAY, 'UTC')).toBeUndefined();
    expect(staleAlertNotice({ dueAt: 'soon' }, dueMs + 1000 * DAY, 'UTC')).toBeUndefined();
  });
});
