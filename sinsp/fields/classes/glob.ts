// fnmatch(3) with no flags, as libsinsp's glob_match uses it: '*' and '?' also match '/',
// '[...]' is a bracket expression ('!' or '^' negates), '\' quotes the next character.

function matchBracket(p: string, i: number, c: string): { ok: boolean; next: number } | undefined {
  // i points just after '['
  let j = i;
  let negate = false;
  if (p[j] === '!' || p[j] === '^') {
    negate = true;
    j++;
  }
  let ok = false;
  let first = true;
  while (j < p.length && (first || p[j] !== ']')) {
    first = false;
    let lo = p[j]!;
    if (lo === '\\' && j + 1 < p.length) lo = p[++j]!;
    j++;
    if (p[j] === '-' && j + 1 < p.length && p[j + 1] !== ']') {
      let hi = p[j + 1]!;
      j += 2;
      if (hi === '\\' && j < p.length) hi = p[j++]!;
      if (c >= lo && c <= hi) ok = true;
    } else if (c === lo) ok = true;
  }
  // an unterminated bracket is not a bracket expression
  if (j >= p.length) return undefined;
  return { ok: ok !== negate, next: j + 1 };
}

export function globMatch(pattern: string, s: string): boolean {
  return matchAt(pattern, 0, s, 0);
}

function matchAt(p: string, pi: number, s: string, si: number): boolean {
  while (pi < p.length) {
    const c = p[pi]!;
    if (c === '*') {
      while (p[pi] === '*') pi++;
      if (pi === p.length) return true;
      for (let k = si; k <= s.length; k++) if (matchAt(p, pi, s, k)) return true;
      return false;
    }
    if (si >= s.length) return false;
    if (c === '?') {
      pi++;
      si++;
      continue;
    }
    if (c === '[') {
      const r = matchBracket(p, pi + 1, s[si]!);
      if (r !== undefined) {
        if (!r.ok) return false;
        pi = r.next;
        si++;
        continue;
      }
    }
    let lit = c;
    if (c === '\\' && pi + 1 < p.length) lit = p[++pi]!;
    if (lit !== s[si]) return false;
    pi++;
    si++;
  }
  return si === s.length;
}
