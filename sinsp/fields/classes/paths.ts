// Path joining as libsinsp does it (sinsp_utils::concatenate_paths): a relative path is
// appended to a base directory while '.', '..' and repeated separators are folded and
// non-printable characters become '.'; an absolute path ignores the base.

function invalidChar(c: number): boolean {
  return c < 0x20 || c > 0x7e;
}

/** bytes of UTF-8 per UTF-16 code unit (a surrogate pair makes 4: 2 + 2) */
function utf8Units(c: number): number {
  if (c < 0x80) return 1;
  if (c < 0x800 || (c >= 0xd800 && c <= 0xdfff)) return 2;
  return 3;
}

/** copy_and_sanitize_path: append `path` to `out`, which already holds the base directory */
function appendSanitized(out: string[], path: string): void {
  // indexes into out: libsinsp's targetbase is index 0 of the whole buffer
  let pc = 0;
  const at = (i: number): string => (i < path.length ? path[i]! : '\0');
  const rewind = (delta: number): void => {
    if (out.length <= 1) {
      pc += delta;
      return;
    }
    out.pop();
    while (out.length >= 1 && out[out.length - 1] !== '/') out.pop();
    pc += delta;
  };
  for (;;) {
    const c = at(pc);
    if (c === '\0') {
      if (out.length > 1 && out[out.length - 1] === '/') out.pop();
      return;
    }
    if (invalidChar(c.charCodeAt(0))) {
      // libsinsp replaces every byte of the UTF-8 encoding
      for (let k = utf8Units(c.charCodeAt(0)); k > 0; k--) out.push('.');
      pc++;
    } else if (c === '.' && at(pc + 1) === '.' && at(pc + 2) === '/') {
      rewind(3);
    } else if (c === '.' && at(pc + 1) === '.') {
      if (at(pc + 2) === '\0') rewind(2);
      else {
        out.push('.', '.');
        pc += 2;
      }
    } else if (c === '.' && at(pc + 1) === '/') {
      pc += 2;
    } else if (c === '.') {
      if (at(pc + 1) !== '\0') out.push('.');
      pc++;
    } else if (c === '/') {
      if (!(out.length > 0 && out[out.length - 1] === '/')) out.push('/');
      pc++;
    } else {
      out.push(c);
      pc++;
    }
  }
}

/**
 * The joined path and whether `path` was relative (libsinsp's return value: false means
 * the result is just the sanitized absolute or empty path).
 */
export function concatenatePaths(base: string, path: string): { path: string; relative: boolean } {
  // libsinsp works on NUL-terminated strings: anything after a NUL is gone
  const nul = path.indexOf('\0');
  if (nul >= 0) path = path.slice(0, nul);
  if (path.length !== 0 && path[0] !== '/') {
    const out = [...base];
    appendSanitized(out, path);
    return { path: out.join(''), relative: true };
  }
  const out: string[] = [];
  appendSanitized(out, path);
  return { path: out.join(''), relative: false };
}
