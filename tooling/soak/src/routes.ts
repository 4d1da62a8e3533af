import { type CycleResult, formatDestination, NO_DESTINATION } from '@breachless/core';
import type { StoredNotification } from './check-types.js';
import type { SoakChannel } from './setup.js';

/** Where a notification went, or should have: nowhere and why, or a set of channels. */
export interface Route {
  readonly kind: 'suppressed' | 'unrouted' | 'sent' | 'not recorded';
  /** The kind and the destinations, comparable as a string. */
  readonly key: string;
  readonly destinations: readonly string[];
}

const route = (kind: Route['kind'], destinations: readonly string[] = []): Route => ({
  kind,
  key: `${kind} ${destinations.join(' ')}`.trim(),
  destinations,
});

const text = (value: unknown) => (typeof value === 'string' ? value : null);

/**
 * Where the soak's own channels say a level goes, from the core's cycle as it was known: a
 * warning of a cycle that had stopped is suppressed (stale news), a breach never is; else
 * every channel listening to the cycle's team, metric and priority (the fields it reports
 * with, semantics.md), or unrouted when none does (the soak has no escalation channels and
 * links no assignees).
 */
export function expectedRoute(
  level: string,
  metric: string,
  cycle: CycleResult,
  channels: readonly SoakChannel[],
): Route {
  if (level !== 'breach' && cycle.stoppedAt !== null) return route('suppressed');
  const team = text(cycle.fields.team);
  const priority = text(cycle.fields.priority);
  const listening = channels
    .filter((c) => c.team === team && c.metric === metric && c.priority === priority)
    .map((c) => formatDestination({ platform: 'slack', kind: 'channel', id: c.channel }))
    .sort();
  return listening.length > 0 ? route('sent', listening) : route('unrouted');
}

/** Where the database says a notification went, from its delivery rows. */
export function storedRoute(deliveries: StoredNotification['deliveries']): Route {
  const [only, ...rest] = deliveries;
  if (!only) return route('not recorded');
  if (rest.length === 0 && only.destination === NO_DESTINATION) {
    if (only.state === 'suppressed') return route('suppressed');
    if (only.state === 'unrouted') return route('unrouted');
  }
  return route('sent', deliveries.map((d) => d.destination).sort());
}

/** The kind of problem a route other than the expected one is. */
export function routeProblem(level: string, expected: Route, actual: Route): string {
  if (actual.kind === 'not recorded') return 'notification with no delivery';
  if (actual.kind === 'suppressed')
    return level === 'breach' ? 'breach suppressed' : 'warning suppressed while its cycle ran';
  if (expected.kind === 'suppressed') return 'warning of a stopped cycle not suppressed';
  if (actual.kind === 'unrouted') return 'unrouted though a channel listens';
  if (expected.kind === 'unrouted') return 'routed where no channel listens';
  return 'sent to the wrong channels';
}
