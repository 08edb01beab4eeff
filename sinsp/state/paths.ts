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

/**
 * Copy `src` (bytes, up to the first NUL) into `out` at `tc`, never rewinding before
 * `base` (libsinsp's copy_and_sanitize_path). Returns the new length of `out`.
 */
function copySanitized(out: number[], tc: number, src: Uint8Array): number {
  let pc = 0;
  const at = (i: number): number => (i < src.length ? src[i]! : 0);
  const rewind = (delta: number): void => {
    if (tc <= 1) {
      pc += delta;
      return;
    }
    tc--;
    while (tc >= 1 && out[tc - 1] !== SLASH) tc--;
    pc += delta;
  };
  for (;;) {
    const c = at(pc);
    if (c === 0) {
      if (tc > 1 && out[tc - 1] === SLASH) tc--;
      return tc;
    }
    if (isInvalid(c)) {
      out[tc++] = DOT;
      pc++;
    } else if (c === DOT && at(pc + 1) === DOT && at(pc + 2) === SLASH) {
      rewind(3);
    } else if (c === DOT && at(pc + 1) === DOT) {
      if (at(pc + 2) === 0) {
        rewind(2);
      } else {
        out[tc++] = DOT;
        out[tc++] = DOT;
        pc += 2;
      }
    } else if (c === DOT && at(pc + 1) === SLASH) {
      pc += 2;
    } else if (c === DOT) {
      if (at(pc + 1) === 0) pc++;
      else out[tc++] = c, pc++;
    } else if (c === SLASH) {
      if (tc > 0 && out[tc - 1] === SLASH) pc++;
      else out[tc++] = c, pc++;
    } else {
      out[tc++] = c;
      pc++;
    }
  }
}

const scratch: number[] = [];

/**
 * Resolve `path` (raw parameter bytes; `pathLen` is the parameter length, NUL
 * included, which libsinsp uses for its size check) against `base`. An absolute or
 * empty-buffer path ignores the base. Too long a result gives "/PATH_TOO_LONG".
 */
export function concatenatePaths(base: string, path: Uint8Array, pathLen: number = path.length): string {
  const baseBytes = Buffer.from(base, 'utf8');
  if (MAX_PATH_SIZE < baseBytes.length + pathLen + 1) return '/PATH_TOO_LONG';
  const out = scratch;
  out.length = 0;
  let tc = 0;
  if (pathLen !== 0 && (path.length > 0 ? path[0] : 0) !== SLASH) {
    for (let i = 0; i < baseBytes.length; i++) out[i] = baseBytes[i]!;
    tc = baseBytes.length;
  }
  const n = copySanitized(out, tc, path);
  return Buffer.from(out.slice(0, n)).toString('utf8');
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
