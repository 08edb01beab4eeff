// Path arithmetic exactly as libsinsp does it (sinsp_utils::concatenate_paths): a
// relative path is appended to a base, '.', '..' and repeated '/' are resolved, bytes
// that are not printable ASCII become '.', and the trailing '/' is dropped.

/** libscap's SCAP_MAX_PATH_SIZE */
export const MAX_PATH_SIZE = 1024;

const SLASH = 0x2f;
const DOT = 0x2e;

/** libsinsp's g_invalidchar: anything but printable ASCII */
function isInvalid(c: number): boolean {
  return c < 0x20 || c > 0x7e;
}

/** output scratch: base + path never exceed MAX_PATH_SIZE (longer inputs give /PATH_TOO_LONG) */
const out = Buffer.alloc(MAX_PATH_SIZE * 4 + 8);

/**
 * Copy `src` (bytes, up to the first NUL) into `out` at `tc`, never rewinding before
 * the start (libsinsp's copy_and_sanitize_path). Returns the new length of `out`.
 */
function copySanitized(tc: number, src: Uint8Array): number {
  let pc = 0;
  const n = src.length;
  for (;;) {
    const c = pc < n ? src[pc]! : 0;
    if (c === 0) {
      if (tc > 1 && out[tc - 1] === SLASH) tc--;
      return tc;
    }
    if (isInvalid(c)) {
      out[tc++] = DOT;
      pc++;
      continue;
    }
    const c1 = pc + 1 < n ? src[pc + 1]! : 0;
    if (c === DOT && c1 === DOT) {
      const c2 = pc + 2 < n ? src[pc + 2]! : 0;
      if (c2 === SLASH || c2 === 0) {
        // '../' or a final '..': back to the previous separator
        if (tc > 1) {
          tc--;
          while (tc >= 1 && out[tc - 1] !== SLASH) tc--;
        }
        pc += c2 === SLASH ? 3 : 2;
      } else {
        out[tc++] = DOT;
        out[tc++] = DOT;
        pc += 2;
      }
    } else if (c === DOT && c1 === SLASH) {
      pc += 2;
    } else if (c === DOT && c1 === 0) {
      pc++;
    } else if (c === SLASH && tc > 0 && out[tc - 1] === SLASH) {
      pc++;
    } else {
      out[tc++] = c;
      pc++;
    }
  }
}

/**
 * Resolve `path` (raw parameter bytes; `pathLen` is the parameter length, NUL
 * included, which libsinsp uses for its size check) against `base`. An absolute or
 * empty-buffer path ignores the base. Too long a result gives "/PATH_TOO_LONG".
 */
export function concatenatePaths(base: string, path: Uint8Array, pathLen: number = path.length): string {
  const baseLen = Buffer.byteLength(base, 'utf8');
  if (MAX_PATH_SIZE < baseLen + pathLen + 1) return '/PATH_TOO_LONG';
  let tc = 0;
  if (pathLen !== 0 && (path.length > 0 ? path[0] : 0) !== SLASH) tc = out.write(base, 0, 'utf8');
  const n = copySanitized(tc, path);
  return out.toString('utf8', 0, n);
}

/**
 * concatenatePaths with a JS string as the relative part. `withNul`: whether the length
 * libsinsp passes counts a terminating NUL (parameters do; std::string sizes don't, so
 * an empty string then counts as absolute).
 */
export function concatenatePathStr(base: string, path: string, withNul = true): string {
  const b = Buffer.from(path, 'utf8');
  return concatenatePaths(base, b, b.length + (withNul ? 1 : 0));
}
