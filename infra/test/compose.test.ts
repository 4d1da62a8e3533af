import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { entry, listenPort, REPO } from './services.js';

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  profiles?: string[];
}
const DIR = `${REPO}infra/docker/`;
const compose = parse(readFileSync(`${DIR}docker-compose.yml`, 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const ours = Object.entries(compose.services).filter(([name]) => name !== 'postgres');

describe('infra/docker', () => {
  it('builds one multi-stage image that runs as a non-root user', () => {
    const dockerfile = readFileSync(`${DIR}Dockerfile`, 'utf8');
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^USER node$/m);
    for (const [, source] of dockerfile.matchAll(/^COPY (?!--from)(\S+)/gm))
      expect(existsSync(`${REPO}${source}`), source).toBe(true);
  });

  it('runs plain Node on a built entry, with the development tools pruned', () => {
    const dockerfile = readFileSync(`${DIR}Dockerfile`, 'utf8');
    const instruction = (name: string) =>
      JSON.parse(new RegExp(`^${name} (\\[.*\\])$`, 'm').exec(dockerfile)?.[1] ?? 'null');
    expect(instruction('ENTRYPOINT')).toEqual(['node']);
    expect(entry(instruction('CMD')).file).toMatch(/\/dist\/main\.js$/);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
  });

  it('runs PostgreSQL, a migrate job, api, worker, slack and teams', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      ['api', 'migrate', 'postgres', 'slack', 'teams', 'worker'].sort(),
    );
    expect(compose.services.postgres?.healthcheck).toBeDefined();
    expect(Object.keys(compose.volumes)).toContain('pgdata');
  });

  it.each(ours)('%s: our image, an entry that exists, only variables it reads', (name, s) => {
    expect(s.image).toBe('breachless:latest');
    expect(existsSync(`${DIR}${s.build?.context}/${s.build?.dockerfile}`)).toBe(true);
    const { reads } = entry(s.command ?? []);
    for (const key of Object.keys(s.environment ?? {}))
      expect(reads(key), `${name} ${key}`).toBe(true);
  });

  it.each(ours.filter(([name]) => name !== 'migrate'))(
    '%s: starts after the migrations, health-checked on the port it listens on',
    (_name, s) => {
      expect(s.depends_on?.migrate?.condition).toBe('service_completed_successfully');
      const port = listenPort(s.command?.[0] ?? '', s.environment ?? {});
      expect(s.healthcheck?.test.join(' ')).toContain(`http://127.0.0.1:${port}/`);
      for (const mapping of s.ports ?? []) expect(mapping.split(':')[1]).toBe(String(port));
    },
  );

  it('starts Slack and Teams only with their profiles', () => {
    expect(compose.services.slack?.profiles).toEqual(['slack']);
    expect(compose.services.teams?.profiles).toEqual(['teams']);
    expect(compose.services.migrate?.depends_on?.postgres?.condition).toBe('service_healthy');
  });
});
