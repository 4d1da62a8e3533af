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

/**
 * Cruises `folders` of `root` (a checkout, or a small layout a test wrote) with the repository's
 * rules and returns what breaks them. Paths are relative to `root`.
 */
export async function dependencyViolations(
  root: string,
  folders = REPO_FOLDERS,
): Promise<Violation[]> {
  const result = await cruise(folders, {
    ...config.options,
    baseDir: root,
    validate: true,
    ruleSet: { forbidden: config.forbidden },
  });
  const output = result.output as ICruiseResult;
  return output.summary.violations.map((v) => ({
    rule: v.rule.name,
    from: v.from,
    // A circle is named by the whole way round, so the reader sees which import to cut.
    to: v.cycle ? v.cycle.map((step) => step.name).join(' -> ') : v.to,
  }));
}

/** One line per violation, naming the rule and the offending import, for a failing test's message. */
export function describeViolations(violations: readonly Violation[]): string {
  return violations.map((v) => `${v.rule}: ${v.from} -> ${v.to}`).join('\n');
}
