import type { Metric } from '@breachless/core';

/** The span a figure covers, as typed; resolved to instants in the reader's zone later. */
export type Period =
  | { readonly kind: 'today' | 'yesterday' | 'mtd' }
  | { readonly kind: 'days'; readonly days: number }
  | { readonly kind: 'range'; readonly from: string; readonly to: string };

/** What `stats ... by:X` may group by. */
export const STATS_GROUPS = [
  'team',
  'agent',
  'priority',
  'metric',
  'day',
  'organization',
  'contract',
] as const;
export type StatsGroup = (typeof STATS_GROUPS)[number];

/** How often a digest posts. */
export const DIGEST_SCHEDULES = ['daily', 'weekdays', 'weekly', 'monthly'] as const;
export type DigestSchedule = (typeof DIGEST_SCHEDULES)[number];

/** One `/sla` command (or `@bot sla ...` in Teams), parsed. */
export type SlaCommand =
  | { readonly name: 'help' }
  | {
      readonly name: 'stats';
      readonly period: Period;
      readonly team?: string;
      readonly priority?: string;
      readonly agent?: string;
      readonly by?: StatsGroup;
      /** Post to the channel instead of answering the asker alone. */
      readonly public: boolean;
    }
  | { readonly name: 'at-risk'; readonly withinSeconds: number; readonly team?: string }
  | { readonly name: 'breached'; readonly period: Period; readonly team?: string }
  | { readonly name: 'ticket'; readonly ticket: string }
  | {
      readonly name: 'subscribe-alerts';
      readonly team?: string;
      readonly priority?: string;
      readonly metric?: Metric;
      /** The levels this rung of an escalation ladder hears (`75%`, `breach`); all when absent. */
      readonly levels?: readonly string[];
      /** `assignee`: to the cycle's assignee by direct message instead of the channel. */
      readonly to?: 'channel' | 'assignee';
      /** While a breached cycle stays open: remind every this many business seconds... */
      readonly remindSeconds?: number;
      /** ...at most this many times. */
      readonly reminders?: number;
    }
  | {
      readonly name: 'subscribe-digest';
      readonly schedule: DigestSchedule;
      /** Local time, `HH:MM`. */
      readonly time: string;
      /** IANA zone; absent means the subscriber's own. */
      readonly zone?: string;
      readonly team?: string;
      /** A monthly digest's organization: its contract statement, for account managers. */
      readonly organization?: string;
      /** Compliance % the digest measures against; 95 when absent. */
      readonly goal?: number;
    }
  | { readonly name: 'unsubscribe'; readonly id: string }
  | { readonly name: 'subscriptions' }
  /** Admins: each connected helpdesk's sync health. */
  | { readonly name: 'connections' }
  | { readonly name: 'link'; readonly email: string };

/** A parse: the command, or what was wrong with the usage line of the command meant. */
export type ParseResult =
  | { readonly ok: true; readonly command: SlaCommand }
  | { readonly ok: false; readonly error: string; readonly usage: string };
