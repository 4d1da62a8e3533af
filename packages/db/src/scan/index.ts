// The scan: each worker tick claims the tickets with a check due and recomputes them, so a breach
// is found when its instant comes without any new event.
// The one entry other folders and @breachless/db import this folder through.
export { runTick, type TickResult } from './tick.js';
