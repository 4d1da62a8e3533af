import { mergeConfig } from 'vitest/config';
import shared from '../../tooling/vitest.shared.ts';

// One of the two longest packages of `npm test` (the server's and the CLI's tests start built
// processes), each first in its lane (tooling/turbo-test.jsonc): two test processes instead of
// one, as much of their time is spent waiting for the processes they started, and a package's
// files then end at about the same time instead of one after the other.
export default mergeConfig(shared, { test: { maxWorkers: 2 } });
