import type { DigestView } from '@breachless/chat';
import type { AlertPayload } from '@breachless/core';

// The shapes of the outbox's JSON columns, declared once: drizzle's `$type` gives them to every
// query of those columns, so no reader re-declares them or casts.

/** What a digest notification carries: the view its channel is sent, as jobs built it. */
export interface DigestPayload {
  readonly view: DigestView;
}

/** A notification's payload: an alert's (`kind` alert) or a digest's (`kind` digest). */
export type NotificationPayload = AlertPayload | DigestPayload;

/**
 * What an alert subscription listens to; an absent key matches everything. A digest
 * subscription keeps only its `team`.
 */
export interface SubscriptionFilters {
  readonly team?: string;
  /** A monthly digest's organization: its contract statement instead of team figures. */
  readonly organization?: string;
  readonly priority?: string;
  readonly policy?: string;
  readonly metric?: string;
  /** An escalation channel hears breaches only. */
  readonly escalation?: boolean;
  /** An escalation ladder's rung: the levels it hears, comma-separated as typed (`75%,breach`). */
  readonly levels?: string;
  /** `assignee`: the alerts go to the cycle's assignee by direct message, not to the channel. */
  readonly to?: string;
  /** While a breached cycle stays open, remind every this much business time (`4h`)... */
  readonly remind?: string;
  /** ...at most this many times (a whole number as typed; 3 when absent). */
  readonly times?: string;
}

/** When a digest posts, as `/sla subscribe digest` stored it (text only, as the commands show it). */
export type DigestSchedule = {
  readonly every: 'daily' | 'weekdays' | 'weekly' | 'monthly';
  /** Local time, `HH:MM`. */
  readonly time: string;
  /** IANA zone. */
  readonly zone: string;
  /** Compliance % to measure against, as typed (`goal:90`); absent: the default. */
  readonly goal?: string;
};
