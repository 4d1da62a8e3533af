import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './services.js';

// `npm test` runs turbo with tooling/turbo-test.jsonc: two lanes of test tasks, each a chain of
// `dependsOn`, so that the longest packages start first. A workspace left out of the lanes would
// start at once and hold a lane's place; a lane that forks would run three things at a time.

interface Task {
  dependsOn?: string[];
  env?: string[];
  outputs?: string[];
  cache?: boolean;
}
type Tasks = Record<string, Task>;

/** A turbo.json's tasks; whole-line `//` comments allowed, as turbo allows them. */
const tasksOf = (file: string): Tasks =>
  JSON.parse(readFileSync(join(REPO, file), 'utf8').replace(/^\s*\/\/.*$/gm, '')).tasks;

const rootPackage = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
const lanes = tasksOf('tooling/turbo-test.jsonc');
const general = tasksOf('turbo.json');

/** `@breachless/<name>#test` of every workspace with a test script. */
function testTasks(): string[] {
  return (rootPackage.workspaces as string[])
    .flatMap((w) =>
      w.endsWith('/*')
        ? readdirSync(join(REPO, w.slice(0, -2))).map((name) => join(w.slice(0, -2), name))
        : [w],
    )
    .map((dir) => join(REPO, dir, 'package.json'))
    .filter(existsSync)
    .map((file) => JSON.parse(readFileSync(file, 'utf8')))
    .filter((pkg) => pkg.scripts?.test)
    .map((pkg) => `${pkg.name}#test`)
    .sort();
}

/** The task of the lanes that waits for `task`, if any. */
const next = (task: string) =>
  Object.keys(lanes).filter((name) => lanes[name]?.dependsOn?.includes(task));

describe('tooling/turbo-test.jsonc', () => {
  it('puts every workspace with tests, the lint and the type-check in one of two lanes', () => {
    const root = ['//#lint', '//#docs:env:check', '//#typecheck'];
    for (const task of root)
      expect(rootPackage.scripts.test, `npm test runs ${task}`).toContain(task);
    const wanted = [...testTasks(), ...root].sort();
    // What a task waits for besides builds: the task before it in its lane.
    const ordered = (task: string) => (lanes[task]?.dependsOn ?? []).filter((d) => d.includes('#'));
    const heads = wanted.filter((task) => ordered(task).length === 0);
    expect(heads).toHaveLength(2);
    const walked = heads.flatMap((head) => {
      const lane = [head];
      for (let at = next(head); at.length > 0; at = next(lane.at(-1) as string)) {
        expect(at, `one task after ${lane.at(-1)}`).toHaveLength(1);
        lane.push(at[0] as string);
      }
      return lane;
    });
    expect(walked.sort()).toEqual(wanted);
  });

  it('runs each test task as turbo.json does: built first, the same variables, never cached', () => {
    const test = general.test as Task;
    for (const task of testTasks()) {
      const lane = lanes[task] as Task;
      expect(lane.dependsOn?.slice(0, 2), task).toEqual(test.dependsOn);
      expect({ ...lane, dependsOn: undefined }, task).toEqual({ ...test, dependsOn: undefined });
    }
    expect(lanes.build).toEqual(general.build);
    expect(lanes.test).toEqual(test);
  });
});
