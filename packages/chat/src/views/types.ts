/**
 * Platform-neutral views: what a message says, not how it looks. Slack renders them as Block
 * Kit, Teams as Adaptive Cards. Instants are UTC milliseconds; renderers show them in the
 * reader's zone (`zone` when one reader is known, the platform's own localised dates otherwise).
 */

/** Where an alerted cycle stands now, which decides its colour, words and buttons. */
export type AlertState =
  | { readonly kind: 'warning'; readonly level: string }
  | { readonly kind: 'breached' }
  | { readonly kind: 'achieved' }
  | { readonly kind: 'cancelled' };

/** A near-breach warning or a breach, and later the same message settled. */
export interface AlertView {
  readonly kind: 'alert';
  readonly ticket: string;
  readonly subject: string | null;
  readonly url: string | null;
  readonly priority: string | null;
  readonly team: string | null;
  readonly metric: string;
  readonly cycle: number;
  readonly state: AlertState;
  readonly dueAt: number | null;
  readonly breachedAt: number | null;
  /** The assignee: a platform user to mention when known, else the helpdesk's name for them. */
  readonly assignee: { readonly user?: string; readonly name: string } | null;
  /** Noticed long after its instant (the worker was down, the event came late). */
  readonly late: boolean;
  /** Who acknowledged or snoozed it, shown under the alert. */
  readonly note?: string;
  readonly now: number;
}

/** A short answer: a confirmation, or an error with the usage line of the command meant. */
export interface NoticeView {
  readonly kind: 'notice';
  readonly tone: 'info' | 'success' | 'error';
  readonly text: string;
  readonly usage?: string;
}

/** One line of a stats table: a group (or the whole period) and a metric. */
export interface StatsLine {
  readonly group: string | null;
  readonly metric: string;
  readonly achieved: number;
  readonly breached: number;
  readonly compliancePct: number | null;
  /** Median business seconds to achieve, when any was achieved. */
  readonly achievedP50: number | null;
}

/** Compliance over a period, from `/sla stats`. */
export interface StatsView {
  readonly kind: 'stats';
  /** `Last 7 days`, `2026-11-01 to 2026-11-15`. */
  readonly period: string;
  readonly from: number;
  readonly to: number;
  readonly zone: string;
  readonly by: string | null;
  /** The filters applied, as typed (`team:billing`). */
  readonly filters: readonly string[];
  readonly lines: readonly StatsLine[];
}

/** A cycle in a list: at risk (due soon) or breached. */
export interface CycleItem {
  readonly ticket: string;
  readonly metric: string;
  readonly cycle: number;
  readonly team: string | null;
  readonly agent: string | null;
  readonly priority: string | null;
  /** Due instant (at risk) or breach instant (breached). */
  readonly at: number;
}

/** Cycles due soon (`/sla at-risk`) or breached in a period (`/sla breached`). */
export interface CycleListView {
  readonly kind: 'at-risk' | 'breached';
  readonly title: string;
  readonly items: readonly CycleItem[];
  /** How many matched; more than `items.length` when the list was cut. */
  readonly total: number;
  readonly now: number;
  readonly zone: string;
}

/** One cycle of a ticket with the timeline that explains it. */
export interface TicketCycle {
  readonly metric: string;
  readonly cycle: number;
  readonly status: string;
  readonly startedAt: number;
  readonly stoppedAt: number | null;
  readonly dueAt: number | null;
  readonly breachedAt: number | null;
  readonly targetSeconds: number | null;
  readonly elapsedSeconds: number;
  readonly timeline: readonly {
    readonly at: number;
    readonly kind: string;
    readonly detail: string;
  }[];
}

/** `/sla ticket ID`: every cycle of the ticket and why it stands where it does. */
export interface TicketView {
  readonly kind: 'ticket';
  readonly ticket: string;
  readonly policy: string | null;
  readonly cycles: readonly TicketCycle[];
  readonly now: number;
  readonly zone: string;
}

/** A channel's subscription, with the deliveries to it that gave up. */
export interface SubscriptionItem {
  readonly id: string;
  readonly kind: string;
  /** `team:billing priority:urgent`, `daily 09:00 Europe/Paris`. */
  readonly description: string;
  readonly failed: number;
  readonly lastError: string | null;
}

/** `/sla subscriptions`: what this channel hears. */
export interface SubscriptionsView {
  readonly kind: 'subscriptions';
  readonly items: readonly SubscriptionItem[];
}

/** The App Home tab (Slack) or personal tab: my at-risk tickets, my team's compliance today. */
export interface HomeView {
  readonly kind: 'home';
  /** The helpdesk agent the reader is linked to, or null with a hint to `/sla link`. */
  readonly agent: string | null;
  readonly atRisk: CycleListView;
  readonly today: StatsView;
}

/** One metric's compliance in a digest, with the period before for comparison. */
export interface DigestMetric {
  readonly metric: string;
  readonly achieved: number;
  readonly breached: number;
  readonly compliancePct: number | null;
  readonly previousPct: number | null;
}

/**
 * A scheduled digest: the period's compliance per metric against the goal, the change from
 * the period before, the worst breaches, what is at risk now, and a 14-day chart.
 */
export interface DigestView {
  readonly kind: 'digest';
  /** `Daily SLA digest`, `Weekly SLA digest`. */
  readonly title: string;
  /** `Tue 24 Nov`, `16 Nov to 22 Nov`. */
  readonly period: string;
  readonly team: string | null;
  readonly goalPct: number;
  readonly metrics: readonly DigestMetric[];
  /** The most overdue breaches of the period, the longest-standing (earliest breach) first. */
  readonly worst: readonly CycleItem[];
  /** Running cycles due within the next two hours, soonest first, and how many in all. */
  readonly atRisk: readonly CycleItem[];
  readonly atRiskTotal: number;
  /** Sent after its time (the worker was down at the hour). */
  readonly late: boolean;
  /** The 14-day compliance chart as PNG, base64, with its text alternative. */
  readonly chart: { readonly png: string; readonly alt: string } | null;
  readonly now: number;
  readonly zone: string;
}

export type ChatView =
  | AlertView
  | NoticeView
  | StatsView
  | CycleListView
  | TicketView
  | SubscriptionsView
  | HomeView
  | DigestView;
