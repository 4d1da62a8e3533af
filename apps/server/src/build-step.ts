import { writePrebuiltEvents } from './demo/prebuilt-events.js';
import { SAMPLE_LOG } from './demo/replay.js';

/**
 * The build's last step (tooling/build.mjs runs it from dist/ after every module is written):
 * the sample log's events parsed once, for every demo start to read instead of parsing the
 * CSV (demo/prebuilt-events.ts). A build without the log writes none, and the demo parses as before
 * (the Docker image's build stage copies data/ first, so its demo reads the file).
 * @param outDir the workspace's dist/
 * @returns the files it wrote, for the build to keep
 */
export default async function buildStep(outDir: string): Promise<string[]> {
  const file = await writePrebuiltEvents(SAMPLE_LOG, outDir);
  return file ? [file] : [];
}
