const weekdays = (hours: string[][]) =>
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, hours]));

/**
 * The demo tenant's SLA: the ServiceNow incidents on a weekday service desk in UTC, urgent
 * ones around the clock. The targets of the sample-report test (apps/cli), plus warnings at
 * 75% and at 30 minutes left, so that the console shows warnings before breaches.
 */
export const DEMO_CONFIG = {
  calendars: [{ id: 'service-desk', timezone: 'UTC', hours: weekdays([['08:00', '18:00']]) }],
  policies: [
    {
      id: 'critical',
      when: { field: 'priority', eq: 'urgent' },
      calendar: '24x7',
      targets: { first_response: { '*': '1h' }, resolution: { '*': '8h' } },
      warnings: ['75%', '30m'],
    },
    {
      id: 'standard',
      calendar: 'service-desk',
      targets: {
        first_response: { high: '4h', '*': '8h' },
        resolution: { high: '2d', '*': '5d' },
      },
      warnings: ['75%', '30m'],
    },
  ],
};

/** The tenant the demo's tickets belong to. */
export const DEMO_TENANT = 'demo';
