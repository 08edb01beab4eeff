// The string and byte matching the operators need, built once per check and then run
// per event without allocating: glob (fnmatch with no flags: `*` crosses '/'), the pmatch
// path-prefix set, ASCII case-insensitive search (strcasestr), byte searches (memmem),
// and regex (RE2 POSIX syntax, matched against the whole value).

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: 'a-zA-Z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  xdigit: '0-9a-fA-F',
  punct: '!-\\/:-@\\[-`{-~',
  cntrl: '\\x00-\\x1f\\x7f',
  print: '\\x20-\\x7e',
  graph: '\\x21-\\x7e',
  word: 'a-zA-Z0-9_',
};

function escapeRegexChar(c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c;
}

/**
 * A bracket expression of a glob starting at `pattern[i] === '['`: the JS class text and
 * the index after the closing ']', or undefined when it never closes (then '[' is literal).
 */
function globBracket(pattern: string, i: number): { cls: string; next: number } | undefined {
  let j = i + 1;
  let negate = false;
  if (pattern[j] === '!' || pattern[j] === '^') {
    negate = true;
    j++;
  }
  let body = '';
  let first = true;
  while (j < pattern.length) {
    const c = pattern[j]!;
    if (c === ']' && !first) return { cls: `[${negate ? '^' : ''}${body}]`, next: j + 1 };
    first = false;
    if (c === '[' && pattern[j + 1] === ':') {
      const close = pattern.indexOf(':]', j + 2);
      const name = close < 0 ? '' : pattern.slice(j + 2, close);
      const cls = POSIX_CLASSES[name];
      if (cls !== undefined) {
        body += cls;
        j = close + 2;
        continue;
      }
    }
    if (c === '\\' && j + 1 < pattern.length) {
      body += escapeRegexChar(pattern[j + 1]!);
      j += 2;
      continue;
    }
    // a range keeps its '-'; any other character is taken literally
    if (c === '-' && body !== '' && pattern[j + 1] !== ']' && j + 1 < pattern.length) body += '-';
    else body += escapeRegexChar(c);
    j++;
  }
  return undefined;
}

/** fnmatch(pattern, s, 0) as a RegExp (FNM_CASEFOLD when caseInsensitive) */
export function globToRegExp(pattern: string, caseInsensitive = false): RegExp {
  let src = '';
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i]!;
    if (c === '*') {
      src += '[\\s\\S]*';
      while (pattern[i] === '*') i++;
      continue;
    }
    if (c === '?') {
      src += '[\\s\\S]';
      i++;
      continue;
    }
    if (c === '\\') {
      // a trailing backslash makes fnmatch fail on every string
      if (i + 1 >= pattern.length) return /(?!)/;
      src += escapeRegexChar(pattern[i + 1]!);
      i += 2;
      continue;
    }
    if (c === '[') {
      const b = globBracket(pattern, i);
      if (b) {
        src += b.cls;
        i = b.next;
        continue;
      }
    }
    src += escapeRegexChar(c);
    i++;
  }
  return new RegExp(`^${src}$`, caseInsensitive ? 'i' : '');
}

/**
 * An RE2 POSIX-syntax pattern as a JS RegExp that must match the whole value, as
 * libsinsp's `regex` operator does (RE2::FullMatch). POSIX classes inside brackets and
 * `(?P<name>` groups are translated; an invalid pattern throws.
 */
export function regexToRegExp(pattern: string): RegExp {
  let src = pattern.replace(/\(\?P</g, '(?<');
  src = src.replace(/\[:([a-z]+):\]/g, (m, name: string) => POSIX_CLASSES[name] ?? m);
  return new RegExp(`^(?:${src})$`);
}

function lowerAscii(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** strcasestr(h, needle) != NULL, folding ASCII letters only (the C locale) */
export function makeICaseContains(needle: string): (h: string) => boolean {
  const n = needle.length;
  if (n === 0) return () => true;
  const codes = new Uint16Array(n);
  for (let i = 0; i < n; i++) codes[i] = lowerAscii(needle.charCodeAt(i));
  const first = codes[0]!;
  const firstUpper = first >= 97 && first <= 122 ? first - 32 : first;
  return (h: string): boolean => {
    const last = h.length - n;
    outer: for (let i = 0; i <= last; i++) {
      const c = h.charCodeAt(i);
      if (c !== first && c !== firstUpper) continue;
      for (let j = 1; j < n; j++) {
        if (lowerAscii(h.charCodeAt(i + j)) !== codes[j]) continue outer;
      }
      return true;
    }
    return false;
  };
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  const n = a.length;
  if (n !== b.length) return false;
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** memmem(h, n) != NULL (an empty needle is found everywhere) */
export function bytesContain(h: Uint8Array, n: Uint8Array): boolean {
  const m = n.length;
  if (m === 0) return true;
  const first = n[0]!;
  const last = h.length - m;
  outer: for (let i = 0; i <= last; i++) {
    if (h[i] !== first) continue;
    for (let j = 1; j < m; j++) if (h[i + j] !== n[j]) continue outer;
    return true;
  }
  return false;
}

export function bytesStartWith(h: Uint8Array, p: Uint8Array): boolean {
  const m = p.length;
  if (m > h.length) return false;
  for (let i = 0; i < m; i++) if (h[i] !== p[i]) return false;
  return true;
}

export function bytesEndWith(h: Uint8Array, p: Uint8Array): boolean {
  const m = p.length;
  const off = h.length - m;
  if (off < 0) return false;
  for (let i = 0; i < m; i++) if (h[off + i] !== p[i]) return false;
  return true;
}

interface PrefixNode {
  /** a search path ends here: everything below matches */
  terminal: boolean;
  children: [string, PrefixNode][];
}

/**
 * libsinsp's path_prefix_search (the `pmatch` operator): a path matches when one of the
 * search paths is a prefix of it component by component. Paths are split on '/', empty
 * components are ignored, so `/etc` matches `/etc` and `/etc/passwd` but not `/etcfoo`,
 * and `/` matches everything.
 */
export class PathPrefixSet {
  private readonly root: PrefixNode = { terminal: false, children: [] };

  add(path: string): void {
    let node = this.root;
    for (const comp of path.split('/')) {
      if (comp === '') continue;
      if (node.terminal) return;
      let child = node.children.find((c) => c[0] === comp)?.[1];
      if (!child) {
        child = { terminal: false, children: [] };
        node.children.push([comp, child]);
      }
      node = child;
    }
    node.terminal = true;
    node.children = [];
  }

  match(path: string): boolean {
    let node = this.root;
    const n = path.length;
    let i = 0;
    for (;;) {
      if (node.terminal) return true;
      while (i < n && path.charCodeAt(i) === 47) i++;
      if (i >= n) return false;
      let end = path.indexOf('/', i);
      if (end < 0) end = n;
      const len = end - i;
      let next: PrefixNode | undefined;
      for (const [comp, child] of node.children) {
        if (comp.length === len && path.startsWith(comp, i)) {
          next = child;
          break;
        }
      }
      if (!next) return false;
      node = next;
      i = end;
    }
  }
}
