import type { Status } from '@breachless/core';
import { lookup } from '../shared/lookup.js';

/** The connector's name in errors and summaries. */
export const SERVICENOW = 'servicenow-csv';

/** `incident_state` -> status. `-100` (5 junk rows in the sample) is not here: skipped. */
export const INCIDENT_STATES: Readonly<Record<string, Status>> = {
  New: 'new',
  Active: 'open',
  'Awaiting User Info': 'pending',
  'Awaiting Vendor': 'on_hold',
  'Awaiting Problem': 'on_hold',
  'Awaiting Evidence': 'on_hold',
  Resolved: 'solved',
  Closed: 'closed',
};

/** The state whose end is the customer's reply. */
export const AWAITING_USER = 'Awaiting User Info';

const PRIORITIES: Readonly<Record<string, string>> = {
  '1 - Critical': 'urgent',
  '2 - High': 'high',
  '3 - Moderate': 'normal',
  '4 - Low': 'low',
};

/** A cell's value: `?` (and empty) is missing. */
export function cell(value: string | undefined): string | null {
  return value === undefined || value === '?' || value === '' ? null : value;
}

/** `priority` -> our priority; an unknown label is kept, lowercased. */
export function incidentPriority(value: string | undefined): string | null {
  const text = cell(value);
  return text === null ? null : (lookup(PRIORITIES, text) ?? text.toLowerCase());
}

/** `contact_type` -> channel, in the lowercase form policies compare: `Self service` -> `self_service`. */
export function incidentChannel(value: string | undefined): string | null {
  const text = cell(value);
  return text === null ? null : text.trim().toLowerCase().replace(/\s+/g, '_');
}
