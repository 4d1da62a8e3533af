import { mergeConfig } from 'vitest/config';
import shared from '../../tooling/vitest.shared.ts';

// One of the two longest packages of `npm test` (the server's and the CLI's tests start built
// processes): two test processes instead of one, so that when turbo runs it last, alone, it
// still uses both cores of a 2-core machine instead of leaving one idle at the end of the run.
export default mergeConfig(shared, { test: { maxWorkers: 2 } });
