import { processIo } from './io.js';
import { run } from './run.js';

// `breachless explain ... | head` closes the pipe early: that is the reader being done, not
// a failure worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

// exitCode rather than exit(): stdout is flushed before the process ends, even into a pipe.
process.exitCode = await run(process.argv.slice(2), processIo());
