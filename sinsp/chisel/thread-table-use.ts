// Whether the chisels of a run may read the thread table (sysdig.get_thread_table): only
// then must the state engine track libsinsp's table order (unordered_map iteration
// order, replayed from every insert and erase), which costs a tenth of a chisel run.
// Decided from the chisels' source text before any event is read: a chisel, the
// chisels it runs with chisel.exec and the modules it requires are scanned. What cannot
// be followed (a JS chisel, a chisel name or module computed at run time) counts as a
// reader; a chisel or module that is nowhere to be found cannot be loaded, so cannot
// read anything (the runtime's own modules, such as sinspect.engine, do not read it).
import { readFileSync } from 'node:fs';
import { findChisel } from './dirs.js';

const THREAD_TABLE_CALL = 'get_thread_table';
const EXEC_CALL = /chisel\.exec\s*\(/g;
const EXEC_LITERAL = /chisel\.exec\s*\(\s*(["'])([^"'\n]*)\1/g;
const REQUIRE_CALL = /\brequire\s*[("']/g;
const REQUIRE_LITERAL = /\brequire\s*\(?\s*(["'])([^"'\n]*)\1/g;

function literalNames(src: string, call: RegExp, literal: RegExp): string[] | undefined {
  const calls = src.match(call)?.length ?? 0;
  const names = [...src.matchAll(literal)].map((m) => m[2]!);
  return names.length === calls ? names : undefined;
}

/** true unless none of `chisels` (names or paths, as -c takes them) can reach get_thread_table */
export function mayReadThreadTable(chisels: string[], dirs: string[]): boolean {
  const seen = new Set<string>();
  const files: string[] = [];
  for (const name of chisels) {
    const found = findChisel(name, dirs);
    if (found === undefined) continue; // not found: the run fails before any event
    if (found.kind !== 'lua') return true;
    files.push(found.path);
  }
  while (files.length > 0) {
    const path = files.pop()!;
    if (seen.has(path)) continue;
    seen.add(path);
    let src: string;
    try {
      src = readFileSync(path, 'latin1');
    } catch {
      return true;
    }
    if (src.includes(THREAD_TABLE_CALL)) return true;
    const execs = literalNames(src, EXEC_CALL, EXEC_LITERAL);
    const modules = literalNames(src, REQUIRE_CALL, REQUIRE_LITERAL);
    if (execs === undefined || modules === undefined) return true;
    for (const name of execs) {
      const found = findChisel(name, dirs);
      if (found === undefined) continue;
      if (found.kind !== 'lua') return true;
      files.push(found.path);
    }
    for (const name of modules) {
      // Lua's package.path: the chisel directories, a dot in the name being a slash
      const found = findChisel(name.replace(/\./g, '/'), dirs);
      if (found !== undefined && found.kind === 'lua') files.push(found.path);
    }
  }
  return false;
}
