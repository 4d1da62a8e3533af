import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imagesOf, K8S, kustomizations, manifests } from './k8s-manifests.js';
import { REPO } from './services.js';

const applied = kustomizations.filter((k) => k.kind === 'Kustomization');
const operations = readFileSync(`${REPO}docs/operations.md`, 'utf8');
const named = (folder: string) => applied.find((k) => k.folder === folder);

describe('infra/k8s kustomizations', () => {
  it.each(applied.map((k) => [k.folder, k] as const))(
    '%s: lists every manifest of its folder and rewrites our image to the registry',
    (folder, k) => {
      const files = readdirSync(join(K8S, folder)).filter(
        (f) => f.endsWith('.yaml') && f !== 'kustomization.yaml',
      );
      expect([...(k.resources ?? [])].sort()).toEqual(files.sort());
      // One rewrite, shared: the Job and the chat apps run the image the services run.
      expect(imagesOf(k)).toEqual(imagesOf(named('.') ?? k));
      expect(imagesOf(k).map((i) => i.name)).toEqual(['breachless']);
    },
  );

  it('keeps the migration Job and each chat app out of the services every cluster runs', () => {
    expect(applied.map((k) => k.folder).sort()).toEqual(['.', 'migrate', 'slack', 'teams']);
    const top = manifests.filter((m) => m.folder === '.');
    expect(top.map((m) => m.kind)).not.toContain('Job');
    // What the top kustomization runs needs nothing of the Secret but the database.
    const secrets = top.flatMap((m) =>
      (m.spec?.template?.spec?.containers ?? []).flatMap((c) =>
        (c.env ?? []).flatMap((e) => (e.valueFrom ? [e.valueFrom.secretKeyRef.key] : [])),
      ),
    );
    expect(new Set(secrets)).toEqual(new Set(['DATABASE_URL']));
    const folderOf = (name: string) => manifests.find((m) => m.metadata.name === name)?.folder;
    expect(folderOf('breachless-migrate')).toBe('migrate');
    expect(folderOf('breachless-slack')).toBe('slack');
    expect(folderOf('breachless-teams')).toBe('teams');
  });

  it('leaves finished migration runs to expire, so the next release can create its own', () => {
    const job = manifests.find((m) => m.kind === 'Job');
    expect(job?.spec?.ttlSecondsAfterFinished).toBeGreaterThan(0);
  });
});

describe('docs/operations.md, Kubernetes', () => {
  const section = operations.slice(operations.indexOf('## Kubernetes'));
  const commands = (/```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '')
    .replaceAll('\\\n', ' ')
    .split('\n')
    .flatMap((line) => line.split('&&'))
    .map((c) => c.replace(/#.*$/, '').trim())
    .filter(Boolean);
  const at = (pattern: RegExp) => commands.findIndex((c) => pattern.test(c));

  it('applies only kustomizations that exist, never a raw manifest', () => {
    expect(commands.some((c) => /kubectl apply -f/.test(c))).toBe(false);
    const paths = commands.flatMap((c) => /kubectl apply -k (\S+)/.exec(c)?.[1] ?? []);
    expect(paths).toEqual(['infra/k8s/migrate', 'infra/k8s']);
    for (const path of paths) expect(existsSync(`${REPO}${path}/kustomization.yaml`)).toBe(true);
  });

  it('deletes the previous migration run, runs it, waits with a timeout, then rolls out', () => {
    const order = [
      at(/^kubectl delete job breachless-migrate --ignore-not-found$/),
      at(/^kubectl apply -k infra\/k8s\/migrate$/),
      at(/^kubectl wait --for=condition=complete --timeout=\d+m job\/breachless-migrate$/),
      at(/^kubectl apply -k infra\/k8s$/),
    ];
    expect(
      order.every((i) => i >= 0),
      commands.join('\n'),
    ).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('says how to add Slack and Teams once their keys are in the Secret', () => {
    expect(section).toContain('kubectl apply -k infra/k8s/slack');
    expect(section).toContain('kubectl apply -k infra/k8s/teams');
  });
});
