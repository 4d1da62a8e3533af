import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from './context.js';
import { HttpError } from './errors.js';

/**
 * Refuses a body over `deps.maxBodyBytes` with 413 while it streams in, so an oversized
 * request is never held in memory whole.
 */
export function limitBody(deps: Pick<AppDeps, 'maxBodyBytes'>) {
  return bodyLimit({
    maxSize: deps.maxBodyBytes,
    onError: () => {
      throw new HttpError(413, `body over ${deps.maxBodyBytes} bytes`);
    },
  });
}
