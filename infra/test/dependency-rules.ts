import { createRequire } from 'node:module';
import { cruise, type ICruiseResult, type IFlattenedRuleSet } from 'dependency-cruiser';
import { REPO } from './services.js';

/** The rules of the shape and how to read the tree, as `npx depcruise` reads them too. */
const config = createRequire(import.meta.url)(`${REPO}.dependency-cruiser.cjs`) as {
  forbidden: IFlattenedRuleSet['forbidden'];
  options: Record<string, unknown>;
};

/** Every rule's name, so a test can see each one fire. */
export const ruleNames = (config.forbidden ?? []).map((rule) => rule.name ?? '');

/** Where the code lives: every workspace folder (tests, benchmarks and the soak included). */
export const REPO_FOLDERS = ['packages', 'apps', 'tooling', 'infra'];

/** One broken rule: which rule, and the import that breaks it. */
export interface Violation {
  rule: string;
  from: string;
  to: string;
}

/** One import between two files of the tree (npm packages and Node modules left out). */
export interface Import {
  from: string;
  to: string;
}

/** What a cruise found: the broken rules, and every import between our own files. */
export interface Cruise {
  violations: Violation[];
  imports: Import[];
}

/**
 * Cruises `folders` of `root` (a checkout, or a small layout a test wrote) with the repository's
 * rules. Paths are relative to `root`.
 */
export async function cruiseTree(root: string, folders = REPO_FOLDERS): Promise<Cruise> {
  const result = await cruise(folders, {
    ...config.options,
    baseDir: root,
    validate: true,
    ruleSet: { forbidden: config.forbidden },
  });
  const output = result.output as ICruiseResult;
  const violations = output.summary.violations.map((v) => ({
    rule: v.rule.name,
    from: v.from,
    // A circle is named by the whole way round, so the reader sees which import to cut.
    to: v.cycle ? v.cycle.map((step) => step.name).join(' -> ') : v.to,
  }));
  const imports = output.modules.flatMap((m) =>
    m.dependencies
      .filter(
        (d) => !d.coreModule && !d.couldNotResolve && !/(^|\/)node_modules\//.test(d.resolved),
      )
      .map((d) => ({ from: m.source, to: d.resolved })),
  );
  return { violations, imports };
}

/** The shipped-code test of the config (its `tooling-not-in-shipped-code` rule's `from`). */
const shippedRule = config.forbidden?.find((r) => r.name === 'tooling-not-in-shipped-code')?.from;

/** Whether `path` is shipped code (a package's or app's src/, not a test or test helper). */
export function isShipped(path: string): boolean {
  const { path: within, pathNot } = (shippedRule ?? {}) as { path?: string; pathNot?: string };
  if (!within || !pathNot)
    throw new Error('.dependency-cruiser.cjs: no tooling-not-in-shipped-code rule');
  return new RegExp(within).test(path) && !new RegExp(pathNot).test(path);
}

/** One line per violation, naming the rule and the offending import, for a failing test's message. */
export function describeViolations(violations: readonly Violation[]): string {
  return violations.map((v) => `${v.rule}: ${v.from} -> ${v.to}`).join('\n');
}
