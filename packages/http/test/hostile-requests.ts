// The hostile requests of issue 15 (item 5) that a tenant with a valid token can send.
import { deepEvent, events, json, LONG, MARKER, nested } from './hostile-input.js';

/** One request: a name for the failure message, the path, and what it sends. */
export interface HostileRequest {
  readonly name: string;
  readonly path: string;
  readonly init?: RequestInit;
  /** Stored as any value is: a prototype name is an unknown value, not an error. */
  readonly accepted?: true;
}

export const HOSTILE_REQUESTS: readonly HostileRequest[] = [
  { name: 'NUL in a ticket path', path: '/v1/tickets/%00/sla' },
  { name: '2,800-character ticket id in a path', path: `/v1/tickets/${LONG}/sla` },
  { name: 'prototype key as ticket id', path: '/v1/tickets/__proto__/sla?cycles=constructor' },
  { name: 'NUL in ?team', path: `/v1/at-risk?team=${MARKER}%00` },
  { name: 'long ?team', path: `/v1/at-risk?team=${LONG}` },
  { name: 'within beyond any number', path: '/v1/at-risk?within=99999999999999999999h' },
  { name: 'constructor as a parameter', path: `/v1/at-risk?constructor=${MARKER}` },
  { name: '__proto__ as a parameter', path: `/v1/at-risk?__proto__=${MARKER}` },
  { name: 'constructor as a metric', path: '/v1/at-risk?metric=constructor' },
  { name: 'since in year +275760', path: '/v1/notifications?since=%2B275760-09-13T00:00:00Z' },
  { name: 'since in year 0000', path: '/v1/notifications?since=0000-01-01T00:00:00Z' },
  { name: 'NUL in ?ticket', path: `/v1/notifications?ticket=${MARKER}%00` },
  { name: 'long ?ticket', path: `/v1/notifications?ticket=${LONG}` },
  { name: 'report from year 0000', path: '/v1/reports/compliance?from=0000-01-01&to=0000-02-01' },
  {
    name: 'report to +275760',
    path: '/v1/reports/compliance?from=2026-01-01&to=%2B275760-09-13T00:00:00Z',
  },
  {
    name: 'report 1990 to now by day,team',
    path: '/v1/reports/compliance?from=1990-01-01&to=2026-11-23&by=day,team',
  },
  {
    name: 'report from 1000 by day',
    path: '/v1/reports/compliance?from=1000-01-01&to=2026-11-23&by=day',
  },
  {
    name: 'report by constructor',
    path: '/v1/reports/compliance?from=2026-11-01&to=2026-11-02&by=constructor',
  },
  {
    name: 'report in zone __proto__',
    path: '/v1/reports/compliance?from=2026-11-01&to=2026-11-02&tz=__proto__',
  },
  { name: 'queue report over years', path: '/v1/reports/queues?from=1990-01-01&to=2026-11-23' },
  {
    name: 'queue threshold beyond any number',
    path: '/v1/reports/queues?from=2026-11-01&to=2026-11-02&threshold=1e400',
  },
  {
    name: 'webhook ?tenant=NUL',
    path: `/v1/webhooks/github?tenant=${MARKER}%00`,
    init: json('POST', { m: MARKER }),
  },
  {
    name: 'webhook long tenant',
    path: `/v1/webhooks/jira?tenant=${LONG}`,
    init: json('POST', { m: MARKER }),
  },
  {
    name: 'webhook platform constructor',
    path: '/v1/webhooks/constructor',
    init: json('POST', { m: MARKER }),
  },
  {
    name: 'webhook nested 100k levels',
    path: '/v1/webhooks/zendesk?tenant=hostile',
    init: json('POST', undefined, nested(100_000, '1')),
  },
  { name: 'events nested 10k levels', path: '/v1/events', init: deepEvent(10_000) },
  { name: 'events nested 40 levels', path: '/v1/events', init: deepEvent(40) },
  {
    name: 'body nested 90k levels, under the body limit',
    path: '/v1/events',
    init: json('POST', undefined, nested(90_000, '')),
  },
  {
    name: 'lone surrogate in a subject',
    path: '/v1/events',
    init: events({ fields: { status: 'new', subject: `${MARKER}\ud800` } }),
  },
  {
    name: 'lone surrogate in a ticket id',
    path: '/v1/events',
    init: events({ ticket: `${MARKER}\udc00` }),
  },
  {
    name: 'lone surrogate in a key',
    path: '/v1/events',
    init: events({ fields: { [`${MARKER}\ud800`]: 'x' } }),
  },
  { name: 'NUL in an event id', path: '/v1/events', init: events({ id: `${MARKER}\u0000` }) },
  { name: '2,800-character event id', path: '/v1/events', init: events({ id: LONG }) },
  { name: '2,800-character ticket id', path: '/v1/events', init: events({ ticket: LONG }) },
  {
    name: '2,800-character team',
    path: '/v1/events',
    init: events({ fields: { status: 'new', team: LONG } }),
  },
  { name: 'year 0000', path: '/v1/events', init: events({ at: '0000-01-01T00:00:00Z' }) },
  { name: 'year 9999', path: '/v1/events', init: events({ at: '9999-12-31T23:59:59Z' }) },
  { name: 'year +275760', path: '/v1/events', init: events({ at: '+275760-09-13T00:00:00Z' }) },
  { name: 'before 1958', path: '/v1/events', init: events({ at: '1957-06-01T00:00:00Z' }) },
  {
    name: 'priority constructor',
    accepted: true,
    path: '/v1/events',
    init: events({ fields: { status: 'new', priority: 'constructor', subject: MARKER } }),
  },
  { name: 'type __proto__', path: '/v1/events', init: events({ type: '__proto__' }) },
  {
    name: '__proto__ key in an event',
    path: '/v1/events',
    init: json('POST', undefined, `[{"__proto__":{"id":"${MARKER}"},"ticket":"H-1"}]`),
  },
  {
    name: 'config nested 10k levels',
    path: '/v1/config',
    init: {
      ...json('PUT', undefined, `{"policies":${nested(10_000, `"${MARKER}"`)}}`),
      method: 'PUT',
    },
  },
  {
    name: 'config target 30000d',
    path: '/v1/config',
    init: json('PUT', {
      policies: [{ id: MARKER, calendar: '24x7', targets: { first_response: { '*': '30000d' } } }],
    }),
  },
  {
    name: 'config with a lone surrogate',
    path: '/v1/config',
    init: json('PUT', { policies: [{ id: `${MARKER}\ud800`, calendar: '24x7', targets: {} }] }),
  },
  {
    name: 'config holidays of constructor',
    path: '/v1/config',
    init: json('PUT', {
      calendars: [
        { id: 'c', timezone: 'UTC', hours: {}, publicHolidays: { country: 'constructor' } },
      ],
      policies: [],
    }),
  },
  {
    name: 'interactions nested',
    path: '/v1/interactions',
    init: json('POST', undefined, `[{"id":"${MARKER}","queue":${nested(10_000, '1')}}]`),
  },
  {
    name: 'interaction offered in +275760',
    path: '/v1/interactions',
    init: json('POST', [{ id: MARKER, queue: 'q', offeredAt: '+275760-09-13T00:00:00Z' }]),
  },
  {
    name: 'interaction with a lone surrogate',
    path: '/v1/interactions',
    init: json('POST', [{ id: `${MARKER}\ud800`, queue: 'q', offeredAt: '2026-11-23T09:00:00Z' }]),
  },
  {
    name: 'interaction with a long queue',
    path: '/v1/interactions',
    init: json('POST', [{ id: MARKER, queue: LONG, offeredAt: '2026-11-23T09:00:00Z' }]),
  },
];
