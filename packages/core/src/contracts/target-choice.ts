import type { BusinessCalendar } from '../calendar/types.js';
import type { Config, Contract, ContractVersion, Metric, Policy } from '../config/types.js';
import { targetOf } from '../engine/policy-match.js';
import type { TicketFields } from '../events/types.js';
import { CalendarChoice } from './customer-hours.js';

/** The contract version that measures a cycle, as the cycle reports it. */
export interface ContractTerms {
  readonly contract: string;
  readonly version: ContractVersion;
}

/** What a cycle is measured against: its target, its calendar, and the contract if any. */
export interface Assignment {
  readonly target: number | null;
  readonly calendar: BusinessCalendar | null;
  readonly terms: ContractTerms | null;
}

/** The version of a contract in force at an instant: `from <= at < until`. */
export function contractVersionAt(contract: Contract, at: number): ContractVersion | undefined {
  return contract.versions.find((v) => v.from <= at && (v.until === null || at < v.until));
}

/**
 * Chooses each cycle's target and calendar (docs/semantics.md, "Contracts"): a ticket whose
 * organization a contract names takes, for every metric the contract version in force when
 * the cycle started lists, that version's target and calendar; any other metric, and any
 * ticket without a contract, takes the policy's. Calendars of the customer's hours are read
 * in the ticket's zone.
 */
export class TargetChoice {
  readonly #calendars: CalendarChoice;
  readonly #byOrganization = new Map<string, Contract>();
  readonly #terms = new Map<ContractVersion, ContractTerms>();

  constructor(config: Config, calendars: ReadonlyMap<string, BusinessCalendar>) {
    this.#calendars = new CalendarChoice(config.calendars, calendars);
    for (const contract of config.contracts) {
      for (const org of contract.organizations) this.#byOrganization.set(org, contract);
      for (const version of contract.versions)
        this.#terms.set(version, { contract: contract.id, version });
    }
  }

  /** Whether a calendar reads its hours in the ticket's zone. */
  isCustomerHours(calendar: BusinessCalendar): boolean {
    return this.#calendars.isCustomerHours(calendar);
  }

  /** Calendar `id` as a ticket with `fields` reads it (its zone, for the customer's hours). */
  calendarFor(id: string, fields: TicketFields): BusinessCalendar | null {
    return this.#calendars.calendarFor(id, fields);
  }

  /** The target, calendar and contract of a cycle of `metric` that started at `startedAt`. */
  choose(
    policy: Policy | undefined,
    metric: Metric,
    fields: TicketFields,
    startedAt: number,
  ): Assignment {
    const org = fields.organization;
    const contract = typeof org === 'string' ? this.#byOrganization.get(org) : undefined;
    const version = contract && contractVersionAt(contract, startedAt);
    if (version && Object.hasOwn(version.targets, metric)) {
      return {
        target: targetOf(version, metric, fields.priority),
        calendar: this.#calendars.calendarFor(version.calendar, fields),
        terms: this.#terms.get(version) ?? null,
      };
    }
    return {
      target: targetOf(policy, metric, fields.priority),
      calendar: policy ? this.#calendars.calendarFor(policy.calendar, fields) : null,
      terms: null,
    };
  }
}
