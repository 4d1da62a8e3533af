import { describe, expect, it } from 'vitest';
import { type Container, of } from './k8s-manifests.js';
import { entry, listenPort } from './services.js';

const config = of('ConfigMap')[0]?.data ?? {};
const workloads = [...of('Deployment'), ...of('Job')];

describe('infra/k8s manifests', () => {
  it('has a migration Job, the four services, and several worker replicas', () => {
    expect(of('Job').map((m) => m.metadata.name)).toEqual(['breachless-migrate']);
    expect(
      of('Deployment')
        .map((m) => m.metadata.name)
        .sort(),
    ).toEqual(['breachless-api', 'breachless-slack', 'breachless-teams', 'breachless-worker']);
    expect(
      of('Deployment').find((d) => d.metadata.name === 'breachless-worker')?.spec?.replicas,
    ).toBeGreaterThan(1);
  });

  it.each(workloads.map((w) => [w.metadata.name, w] as const))(
    '%s: non-root, resources set, entry exists, only variables it reads, secrets by reference',
    (_name, w) => {
      const pod = w.spec?.template?.spec;
      expect(pod?.securityContext.runAsNonRoot).toBe(true);
      for (const c of pod?.containers ?? []) {
        expect(c.image).toBe('breachless');
        expect(c.resources?.requests).toBeDefined();
        expect(c.resources?.limits).toBeDefined();
        const { reads } = entry(c.args);
        for (const e of c.env ?? []) {
          expect(reads(e.name), e.name).toBe(true);
          if (e.valueFrom) expect(e.valueFrom.secretKeyRef.name).toBe('breachless');
        }
        // A ConfigMap shared by all: each of its keys is read by some service here.
        for (const from of c.envFrom ?? []) expect(from.configMapRef.name).toBe('breachless');
      }
    },
  );

  it.each(of('Deployment').map((d) => [d.metadata.name, d] as const))(
    '%s: probes on the port it listens on, and a disruption budget',
    (name, d) => {
      const c = d.spec?.template?.spec?.containers[0] as Container;
      const env = Object.fromEntries(
        (c.env ?? []).filter((e) => e.value).map((e) => [e.name, e.value as string]),
      );
      expect(c.ports?.[0]).toEqual({
        name: 'http',
        containerPort: listenPort(c.args[0] ?? '', env),
      });
      expect(c.readinessProbe?.httpGet.port).toBe('http');
      expect(c.livenessProbe).toBeDefined();
      const budget = of('PodDisruptionBudget').find((p) => p.metadata.name === name);
      expect(budget?.spec?.selector).toEqual(d.spec?.selector);
    },
  );

  it('keeps only variables some service reads in the ConfigMap, and no secret in it', () => {
    const readers = of('Deployment').map((d) =>
      entry(d.spec?.template?.spec?.containers[0]?.args ?? []),
    );
    for (const key of Object.keys(config)) {
      expect(
        readers.some((r) => r.reads(key)),
        key,
      ).toBe(true);
      expect(key).not.toMatch(/SECRET|PASSWORD|TOKEN|DATABASE_URL/);
    }
  });

  it('requires of the Secret what each chat app cannot start without', () => {
    const required = (name: string) =>
      of('Deployment')
        .find((d) => d.metadata.name === name)
        ?.spec?.template?.spec?.containers[0]?.env?.filter(
          (e) => e.valueFrom && !e.valueFrom.secretKeyRef.optional,
        )
        .map((e) => e.name)
        .sort();
    // Slack: HTTP mode always verifies requests; the token or OAuth client is one or the other.
    expect(required('breachless-slack')).toEqual(['DATABASE_URL', 'SLACK_SIGNING_SECRET']);
    // Teams: without an app id the bot refuses to start (unauthenticated is for laptops only).
    expect(required('breachless-teams')).toEqual(['DATABASE_URL', 'MICROSOFT_APP_ID']);
  });
});
