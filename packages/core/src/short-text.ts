import { z } from 'zod';
import { LIMITS, TOO_LONG } from './limits.js';

/**
 * A string stored in an indexed text column (an id, or a field that reports and routing
 * group by): at most `LIMITS.maxIdLength` characters, so its index row always fits.
 */
export const shortText = z.string().max(LIMITS.maxIdLength, { error: TOO_LONG });

/** An id: a short text that is not empty. */
export const requiredId = shortText.min(1, { error: 'must not be empty' });
