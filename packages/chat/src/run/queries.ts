import type { FirstContactRow, GroupKey, ReportRow, TicketResult } from '@breachless/core';
import type { CycleItem } from '../views/types.js';

/** A channel's subscription as stored, with the failed deliveries to the channel. */
export interface StoredSubscription {
  readonly id: string;
  readonly kind: string;
  readonly filters: Readonly<Record<string, string>>;
  readonly schedule?: Readonly<Record<string, string>>;
  readonly failed: number;
  readonly lastError: string | null;
}

/**
 * What the commands read and change, already scoped to one tenant, chat platform, channel
 * and user by the app that builds it (`chatQueries` in @breachless/db implements it).
 */
export interface SlaQueries {
  /** Compliance rows whose outcome falls in `[from, to)`. */
  stats(o: {
    from: number;
    to: number;
    /** When the question is asked: periods closed by then may be read from stored figures. */
    now: number;
    zone: string;
    by: GroupKey[];
    team?: string | undefined;
    priority?: string | undefined;
    agent?: string | undefined;
  }): Promise<ReportRow[]>;
  /** First contact resolution of the tickets resolved in `[from, to)`, filtered at resolution. */
  firstContact(o: {
    from: number;
    to: number;
    zone: string;
    by: Exclude<GroupKey, 'metric'>[];
    team?: string | undefined;
    priority?: string | undefined;
    agent?: string | undefined;
  }): Promise<FirstContactRow[]>;
  /** Running cycles due in `[from, to]`, soonest first. */
  atRisk(o: {
    from: number;
    to: number;
    team?: string | undefined;
    agent?: string | undefined;
    limit: number;
  }): Promise<CycleItem[]>;
  /** Cycles breached in `[from, to)`, earliest first, with how many in all. */
  breached(o: {
    from: number;
    to: number;
    team?: string | undefined;
    limit: number;
  }): Promise<{ items: CycleItem[]; total: number }>;
  /** The ticket evaluated at `now` with timelines, or null when no event names it. */
  ticket(id: string, now: number): Promise<TicketResult | null>;
  /** Subscribes this channel; returns the new subscription's id. */
  subscribe(
    kind: 'alerts' | 'digest',
    filters: Record<string, string>,
    schedule?: Record<string, string>,
  ): Promise<string>;
  /** Removes one of this channel's subscriptions; false when it has none of that id. */
  unsubscribe(id: string): Promise<boolean>;
  subscriptions(): Promise<StoredSubscription[]>;
  /** Links this user to a helpdesk agent. */
  link(agent: string): Promise<void>;
  /** The agent this user is linked to, or null. */
  linkedAgent(): Promise<string | null>;
  /** The team of the agent this user is linked to (their latest cycle's), or null. */
  myTeam(): Promise<string | null>;
  /** The tenant's connected helpdesks and how their sync keeps up (absent: not offered). */
  connections?(now: number): Promise<ConnectionStatus[]>;
}

/** A connected helpdesk as `/sla connections` shows it (docs/sync.md, "Health"). */
export interface ConnectionStatus {
  readonly platform: string;
  readonly state: 'ok' | 'backfilling' | 'failing' | 'lagging';
  readonly lastSuccessAt: string | null;
  readonly lagSeconds: number | null;
  /** Events reconciliation stored that no webhook delivered. */
  readonly repaired: number;
  readonly lastError: string | null;
}

/** Who asks, from where, and when. */
export interface CommandContext {
  /** How the platform's users type the command: `/sla` (Slack, the default) or `sla` (Teams). */
  readonly prefix?: string;
  /** The reader's IANA zone (their chat profile's), in which periods and times are read. */
  readonly zone: string;
  readonly now: number;
  /** Whether this user may change the channel's subscriptions, or why not. */
  canManage(): Promise<{ readonly ok: true } | { readonly ok: false; readonly why: string }>;
}
