import { describe, expect, it } from 'vitest';
import type { ConnectionStatus, SlaQueries } from './queries.js';
import { slaRequest } from './sla-request.js';

const NOW = Date.parse('2026-11-25T10:00:00Z');
const admin = { zone: 'UTC', now: NOW, canManage: async () => ({ ok: true }) as const };
const member = {
  ...admin,
  canManage: async () => ({ ok: false, why: 'Only workspace admins may do that.' }) as const,
};

function queries(connections?: ConnectionStatus[]): SlaQueries {
  const nothing = async () => {
    throw new Error('not asked');
  };
  return {
    stats: nothing,
    firstContact: nothing,
    atRisk: nothing,
    breached: nothing,
    ticket: nothing,
    subscribe: nothing,
    unsubscribe: nothing,
    subscriptions: nothing,
    link: nothing,
    linkedAgent: nothing,
    myTeam: nothing,
    ...(connections ? { connections: async () => connections } : {}),
  };
}

describe('/sla connections', () => {
  it('shows admins each helpdesk’s sync health, an error tone when one is failing', async () => {
    const view = await slaRequest('connections', '/sla').answer(
      admin,
      queries([
        {
          platform: 'zendesk',
          state: 'ok',
          lastSuccessAt: '2026-11-25T09:58:00.000Z',
          lagSeconds: 150,
          repaired: 0,
          lastError: null,
        },
        {
          platform: 'github',
          state: 'failing',
          lastSuccessAt: null,
          lagSeconds: null,
          repaired: 3,
          lastError: 'github: 401 Bad credentials',
        },
      ]),
    );
    expect(view).toEqual({
      kind: 'notice',
      tone: 'error',
      text: [
        'zendesk: ok (last sync 2026-11-25T09:58:00.000Z, 2m behind), 0 events repaired',
        'github: failing (never synced), 3 events repaired; last error: github: 401 Bad credentials',
        'Events repaired are changes whose webhook never arrived: check the helpdesk’s webhook log.',
      ].join('\n'),
    });
  });

  it('tells others only why not, and says when nothing is connected', async () => {
    const q = queries([]);
    expect(await slaRequest('connections', 'sla').answer(member, q)).toEqual({
      kind: 'notice',
      tone: 'error',
      text: 'Helpdesk sync health is for admins. Only workspace admins may do that.',
    });
    expect(await slaRequest('connections', 'sla').answer(admin, queries())).toMatchObject({
      kind: 'notice',
      text: expect.stringMatching(/^No helpdesk is connected for sync/),
    });
    expect(slaRequest('connections now', '/sla').parsed.ok).toBe(false);
  });
});
