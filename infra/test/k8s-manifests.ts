import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { REPO } from './services.js';

export interface Container {
  image: string;
  args: string[];
  ports?: { name: string; containerPort: number }[];
  env?: {
    name: string;
    value?: string;
    valueFrom?: { secretKeyRef: { name: string; key: string; optional?: boolean } };
  }[];
  envFrom?: { configMapRef: { name: string } }[];
  readinessProbe?: { httpGet: { port: string } };
  livenessProbe?: unknown;
  resources?: { requests: object; limits: object };
}

export interface Manifest {
  kind: string;
  metadata: { name: string };
  /** Absent on a ConfigMap. */
  spec?: {
    replicas?: number;
    ttlSecondsAfterFinished?: number;
    selector?: { matchLabels: Record<string, string> };
    template?: { spec: { containers: Container[]; securityContext: { runAsNonRoot: boolean } } };
  };
  data?: Record<string, string>;
  /** The folder (relative to infra/k8s, `.` for the top) whose kustomization lists it. */
  folder: string;
}

export interface Kustomization {
  kind: 'Kustomization' | 'Component';
  resources?: string[];
  components?: string[];
  images?: { name: string; newName: string; newTag: string }[];
  /** Relative to infra/k8s, `.` for the top. */
  folder: string;
}

export const K8S = `${REPO}infra/k8s/`;

function parse<T>(file: string): T[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).map((d) => {
    if (d.errors.length > 0) throw new Error(`${file}: ${d.errors.join('; ')}`);
    return d.toJS() as T;
  });
}

/** Every folder of infra/k8s holding a kustomization, the top one included. */
export const kustomizations: Kustomization[] = [
  K8S,
  ...readdirSync(K8S, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => join(K8S, e.name)),
]
  .filter((dir) => existsSync(join(dir, 'kustomization.yaml')))
  .map((dir) => ({
    ...(parse<Kustomization>(join(dir, 'kustomization.yaml'))[0] as Kustomization),
    folder: relative(K8S, dir) || '.',
  }));

/** The manifests in the folders, each with the folder it lives in. */
export const manifests: Manifest[] = kustomizations.flatMap((k) =>
  readdirSync(join(K8S, k.folder))
    .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
    .flatMap((f) =>
      parse<Omit<Manifest, 'folder'>>(join(K8S, k.folder, f)).map((m) => ({
        ...m,
        folder: k.folder,
      })),
    ),
);

/** The manifests of one kind. */
export const of = (kind: string) => manifests.filter((m) => m.kind === kind);

/** The image rewrites a kustomization applies: its own and its components'. */
export function imagesOf(k: Kustomization): NonNullable<Kustomization['images']> {
  const components = (k.components ?? []).map((c) => {
    const folder = relative(K8S, join(K8S, k.folder, c)) || '.';
    const found = kustomizations.find((other) => other.folder === folder);
    if (found?.kind !== 'Component') throw new Error(`${k.folder}: no component ${c}`);
    return found;
  });
  return [...(k.images ?? []), ...components.flatMap(imagesOf)];
}
