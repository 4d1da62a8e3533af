import { writeImage } from './pglite/image.js';

/**
 * The build's last step (tooling/build.mjs runs it from dist/ after every module is written):
 * the migrated PGlite image a fresh data directory starts from, written into dist/ so that
 * `npm ci` and the Docker image carry it.
 * @param outDir the workspace's dist/
 * @returns the files it wrote, for the build to keep
 */
export default async function buildStep(outDir: string): Promise<string[]> {
  return [await writeImage(outDir)];
}
