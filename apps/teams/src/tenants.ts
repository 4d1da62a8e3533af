import { findInstallation, saveInstallation } from '@breachless/db';
import type { Activity } from 'botbuilder';
import type { TeamsDeps } from './deps.js';

/** The tenant a single-tenant bot serves (formats.md). */
export const DEFAULT_TENANT = 'default';

/** The Microsoft 365 organisation an activity comes from. */
export function organisationOf(activity: Partial<Activity>): string {
  const data = activity.channelData as { tenant?: { id?: string } } | undefined;
  return activity.conversation?.tenantId ?? data?.tenant?.id ?? '';
}

/**
 * Our tenant for an activity. A single-tenant (or unauthenticated) bot serves `default`. A
 * multi-tenant bot links each organisation to a tenant named after it the first time it
 * hears from it (installing the app is the first thing it hears); a later link made by an
 * operator is kept.
 */
export async function tenantOf(deps: TeamsDeps, activity: Partial<Activity>): Promise<string> {
  if (!deps.multiTenant) return DEFAULT_TENANT;
  const organisation = organisationOf(activity);
  const found = await findInstallation(deps.db, 'teams', organisation);
  if (found) return found.tenant;
  await saveInstallation(deps.db, {
    platform: 'teams',
    workspace: organisation,
    tenant: organisation,
    installation: { serviceUrl: activity.serviceUrl ?? null },
  });
  return organisation;
}
