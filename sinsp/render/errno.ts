// errno names as sysdig prints them after a negative result or fd: res=-2(ENOENT).
import { ERRNO_NAMES } from '../generated/schema.js';

/**
 * The name of a negative result (libsinsp's errno_to_str on the value cast to int32),
 * or '' when the value is not a known error code.
 */
export function errnoName(code: number): string {
  const n = -(code | 0);
  return n > 0 ? ERRNO_NAMES[n] ?? '' : '';
}
