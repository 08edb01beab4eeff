// Path parameters (PT_FSPATH, PT_FSRELPATH): the path as written by the program,
// and, for relative paths, the absolute path libsinsp resolves it to against the
// working directory (or the directory fd of *at calls), printed in parentheses:
// name=foo.txt(/home/user/foo.txt).
import { PRINTABLE, scratchBuffer } from './text.js';

const SLASH = 0x2f;
const DOT = 0x2e;

/** Where copyAndSanitizePath stopped writing (the result is out[0, end)). */
let pathEnd = 0;

/** libsinsp's rewind_to_parent_path(): back to just after the previous separator. */
function rewind(out: Buffer, tc: number): number {
  if (tc <= 1) return tc;
  tc--;
  while (tc >= 1 && out[tc - 1] !== SLASH) tc--;
  return tc;
}

/**
 * libsinsp's copy_and_sanitize_path(): appends p[start, end) (a C string) to out at
 * `tc`, collapsing "//", "./" and "../", replacing non-printable bytes with '.', and
 * dropping a trailing separator. Sets pathEnd.
 */
function copyAndSanitizePath(out: Buffer, tc: number, p: Buffer, start: number, end: number): void {
  let pc = start;
  const at = (i: number): number => (i < end ? p[i]! : 0);
  for (;;) {
    const c = at(pc);
    if (c === 0) {
      if (tc > 1 && out[tc - 1] === SLASH) tc--;
      pathEnd = tc;
      return;
    }
    if (PRINTABLE[c] === 0) {
      out[tc++] = DOT;
      pc++;
    } else if (c === DOT && at(pc + 1) === DOT && at(pc + 2) === SLASH) {
      tc = rewind(out, tc);
      pc += 3;
    } else if (c === DOT && at(pc + 1) === DOT) {
      if (at(pc + 2) === 0) {
        tc = rewind(out, tc);
        pc += 2;
      } else {
        out[tc++] = DOT;
        out[tc++] = DOT;
        pc += 2;
      }
    } else if (c === DOT && at(pc + 1) === SLASH) {
      pc += 2;
    } else if (c === DOT) {
      if (at(pc + 1) === 0) pc++;
      else {
        out[tc++] = c;
        pc++;
      }
    } else if (c === SLASH) {
      if (tc > 0 && out[tc - 1] === SLASH) pc++;
      else {
        out[tc++] = c;
        pc++;
      }
    } else {
      out[tc++] = c;
      pc++;
    }
  }
}

/**
 * libsinsp's concatenate_paths() for a relative path: `base` (a directory ending in
 * '/') joined with the C string p[start, end), normalized. Returns undefined when the
 * path is absolute, because sysdig then prints no resolved form.
 */
export function resolveRelativePath(base: string, p: Buffer, start: number, end: number): string | undefined {
  if (end <= start || p[start] === SLASH) return undefined;
  const baseLen = Buffer.byteLength(base, 'utf8');
  const out = scratchBuffer(baseLen + (end - start) + 1);
  out.write(base, 0, 'utf8');
  copyAndSanitizePath(out, baseLen, p, start, end);
  return out.toString('utf8', 0, pathEnd);
}

/**
 * The normalized form of an absolute or relative path on its own (concatenate_paths
 * with an empty directory): what evt.abspath prints for an absolute path.
 */
export function normalizePath(base: string, p: Buffer, start: number, end: number): string {
  if (end > start && p[start] !== SLASH) return resolveRelativePath(base, p, start, end)!;
  const out = scratchBuffer(end - start + 1);
  copyAndSanitizePath(out, 0, p, start, end);
  return out.toString('utf8', 0, pathEnd);
}

/**
 * The path text of an FSPATH parameter: libsinsp's strcpy_sanitized(), which drops
 * non-printable bytes and, when the value has no terminating NUL, its last character.
 */
export function sanitizedPath(b: Buffer, start: number, end: number): string {
  let stop = start;
  while (stop < end && b[stop] !== 0) stop++;
  const out = scratchBuffer(stop - start);
  let k = 0;
  for (let i = start; i < stop; i++) {
    const c = b[i]!;
    if (PRINTABLE[c] === 1) out[k++] = c;
  }
  if (stop === end && k > 0 && k === end - start) k--;
  return out.toString('latin1', 0, k);
}
