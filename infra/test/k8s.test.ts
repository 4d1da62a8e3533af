import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { entry, listenPort, REPO } from './services.js';

interface Container {
  image: string;
  args: string[];
  ports?: { name: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef: { name: string } } }[];
  envFrom?: { configMapRef: { name: string } }[];
  readinessProbe?: { httpGet: { port: string } };
  livenessProbe?: unknown;
  resources?: { requests: object; limits: object };
}
interface Manifest {
  kind: string;
  metadata: { name: string };
  spec: {
    replicas?: number;
    selector?: { matchLabels: Record<string, string> };
    template?: { spec: { containers: Container[]; securityContext: { runAsNonRoot: boolean } } };
  };
  data?: Record<string, string>;
}

const DIR = `${REPO}infra/k8s/`;
const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
const manifests = files.flatMap((f) =>
  parseAllDocuments(readFileSync(`${DIR}${f}`, 'utf8')).map((d) => {
    expect(d.errors, f).toEqual([]);
    return d.toJS() as Manifest;
  }),
);
const of = (kind: string) => manifests.filter((m) => m.kind === kind);
const config = of('ConfigMap')[0]?.data ?? {};
const workloads = [...of('Deployment'), ...of('Job')];

describe('infra/k8s', () => {
  it('lists every manifest in the kustomization, and names our image', () => {
    const kustomization = parseAllDocuments(
      readFileSync(`${DIR}kustomization.yaml`, 'utf8'),
    )[0]?.toJS();
    expect([...kustomization.resources].sort()).toEqual([...files].sort());
    expect(kustomization.images[0].name).toBe('breachless');
  });

  it('has a migration Job, the four services, and several worker replicas', () => {
    expect(of('Job').map((m) => m.metadata.name)).toEqual(['breachless-migrate']);
    expect(
      of('Deployment')
        .map((m) => m.metadata.name)
        .sort(),
    ).toEqual(['breachless-api', 'breachless-slack', 'breachless-teams', 'breachless-worker']);
    expect(
      of('Deployment').find((d) => d.metadata.name === 'breachless-worker')?.spec.replicas,
    ).toBeGreaterThan(1);
  });

  it.each(workloads.map((w) => [w.metadata.name, w] as const))(
    '%s: non-root, resources set, entry exists, only variables it reads, secrets by reference',
    (_name, w) => {
      const pod = w.spec.template?.spec;
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
      const c = d.spec.template?.spec.containers[0] as Container;
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
      expect(budget?.spec.selector).toEqual(d.spec.selector);
    },
  );

  it('keeps only variables some service reads in the ConfigMap, and no secret in it', () => {
    const readers = of('Deployment').map((d) =>
      entry(d.spec.template?.spec.containers[0]?.args ?? []),
    );
    for (const key of Object.keys(config)) {
      expect(
        readers.some((r) => r.reads(key)),
        key,
      ).toBe(true);
      expect(key).not.toMatch(/SECRET|PASSWORD|TOKEN|DATABASE_URL/);
    }
  });
});
