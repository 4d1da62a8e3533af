import { saveConfig } from '@breachless/db';
import { answeredTicket, CONTRACT_CONFIG, describeEachDriver } from '@breachless/db/testing';
import { expect, it } from 'vitest';
import { harness } from './harness.js';

// CONTRACT_CONFIG: globex's contract answers in 30m with a 90% goal, 10% of its 1,000.00 EUR
// fee owed under it; initech has none, the policy's 1h measures it.
const at = (day: number, minute: number) =>
  new Date(Date.UTC(2026, 10, day, 9, minute)).toISOString().replace('.000', '');
const answered = (id: string, day: number, organization: string, minutes: number) =>
  answeredTicket(id, at(day, 0), organization, minutes);

describeEachDriver(
  'contract statements, reports by organization and first contact over HTTP',
  (handle) => {
    const h = harness(handle, Date.UTC(2026, 11, 2));

    it('answers the month’s statements as JSON and CSV, and compliance by organization and contract', async () => {
      await saveConfig(handle().db, 'acme', CONTRACT_CONFIG, 'test');
      await h.postEvents('acme', [
        ...answered('G-1', 2, 'globex', 10),
        ...answered('G-2', 3, 'globex', 40), // breached: 30m under the contract
        ...answered('I-1', 4, 'initech', 40), // achieved: 1h under the policy
      ]);
      const { status, body } = await h.getJson('acme', '/v1/statements?month=2026-11');
      expect(status).toBe(200);
      expect(body).toMatchObject({
        statements: [
          {
            contract: 'globex-gold',
            organization: 'globex',
            currency: 'EUR',
            fee: '1000.00',
            metrics: [{ metric: 'first_response', achieved: 1, breached: 1, compliancePct: 50 }],
            credits: [{ kind: 'compliance', amount: '100.00' }],
            total: '100.00',
          },
        ],
      });
      const csv = await h.request('acme', '/v1/statements?month=2026-11&format=csv');
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect((await csv.text()).split('\r\n').filter((l) => l.startsWith('globex,'))).toHaveLength(
        3,
      );
      const report = await h.getJson(
        'acme',
        '/v1/reports/compliance?from=2026-11-01&to=2026-11-30&by=organization,contract',
      );
      expect(
        (report.body as { rows: Record<string, unknown>[] }).rows.map((r) => [
          r.organization,
          r.contract,
          r.achieved,
          r.breached,
        ]),
      ).toEqual([
        ['globex', 'globex-gold', 1, 1],
        ['initech', null, 1, 0],
      ]);
    });

    it('answers first contact resolution by organization, and refuses by=metric', async () => {
      const solved = (id: string, day: number) => ({
        id: `${id}-s`,
        ticket: id,
        type: 'ticket.updated',
        at: at(day, 50),
        fields: { status: 'solved' },
      });
      const extra = {
        id: 'G-2-r2',
        ticket: 'G-2',
        type: 'message',
        at: at(3, 45),
        author: 'agent',
        public: true,
      };
      await h.postEvents('acme', [solved('G-1', 2), extra, solved('G-2', 3), solved('I-1', 4)]);
      const fcr = await h.getJson(
        'acme',
        '/v1/reports/first-contact?from=2026-11-01&to=2026-11-30&by=organization',
      );
      expect(fcr).toMatchObject({
        status: 200,
        body: {
          rows: [
            { organization: 'globex', resolved: 2, firstContact: 1, fcrPct: 50 },
            { organization: 'initech', resolved: 1, firstContact: 1, fcrPct: 100 },
          ],
        },
      });
      const csv = await h.request(
        'acme',
        '/v1/reports/first-contact?from=2026-11-01&to=2026-11-30&format=csv',
      );
      expect(await csv.text()).toBe('resolved,first_contact,fcr_pct\r\n3,2,66.67\r\n');
      const bad = await h.getJson(
        'acme',
        '/v1/reports/first-contact?from=2026-11-01&to=2026-11-30&by=metric',
      );
      expect(bad).toMatchObject({ status: 400, body: { problems: [{ path: 'by' }] } });
    });

    it('lists what is wrong with the question in one 400', async () => {
      const bad = await h.getJson('acme', '/v1/statements?format=pdf&org=x');
      expect(bad.status).toBe(400);
      expect(
        (bad.body as { problems: { path: string }[] }).problems.map((p) => p.path).sort(),
      ).toEqual(['format', 'month', 'org']);
      const unknown = await h.getJson('acme', '/v1/statements?month=2026-11&contract=platinum');
      expect(unknown).toMatchObject({
        status: 400,
        body: {
          problems: [
            { path: 'contract', message: 'no contract "platinum" in the tenant\'s config' },
          ],
        },
      });
    });
  },
);
