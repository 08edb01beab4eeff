// -cl and -i: find every chisel in the chisel directories and print sysdig's listings.
import { readdirSync } from 'node:fs';
import type { ChiselInfo } from './chisel.js';
import { JS_EXTENSIONS } from './dirs.js';

// sysdig's layout constants (DESCRIPTION_TEXT_START and CONSOLE_LINE_LEN)
const DESC_START = 16;
const LINE_LEN = 79;

export interface CatalogEntry {
  name: string;
  path: string;
  kind: 'lua' | 'js';
}

/** Every chisel-looking file, first directory wins for a name (as sysdig dedupes). */
export function scanChiselFiles(dirs: string[]): CatalogEntry[] {
  const seen = new Set<string>();
  const out: CatalogEntry[] = [];
  for (const dir of dirs) {
    if (dir === '') continue;
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      continue;
    }
    for (const file of names) {
      const dot = file.lastIndexOf('.');
      if (dot < 0) continue;
      const ext = file.slice(dot);
      const kind = ext === '.lua' ? 'lua' : JS_EXTENSIONS.includes(ext) ? 'js' : undefined;
      if (!kind) continue;
      const name = file.slice(0, dot);
      if (seen.has(name)) continue;
      seen.add(name);
      out.push({ name, path: dir + file, kind });
    }
  }
  return out;
}

function wrapShort(desc: string): string {
  let s = '';
  for (let l = 0; l < desc.length; l++) {
    if (l % (LINE_LEN - DESC_START) === 0 && l !== 0) s += '\n' + ' '.repeat(DESC_START);
    s += desc[l];
  }
  return s;
}

/** sysdig's list_chisels(): grouped by category, sorted by category then name. */
export function formatChiselList(list: ChiselInfo[], verbose: boolean): string {
  const sorted = [...list].sort((a, b) =>
    a.category === b.category ? cmp(a.name, b.name) : cmp(a.category, b.category),
  );
  let out = '';
  let last: string | undefined = undefined;
  for (const cd of sorted) {
    if (cd.category !== last) {
      const title = 'Category: ' + cd.category;
      out += '\n' + title + '\n' + '-'.repeat(title.length) + '\n';
      last = cd.category;
    }
    out += cd.name;
    let namelen = cd.name.length;
    if (namelen >= DESC_START) {
      out += '\n';
      namelen = 0;
    }
    out += ' '.repeat(DESC_START - namelen);
    out += wrapShort(cd.shortDescription) + '\n';
  }
  if (verbose) out += '\nUse the -i flag to get detailed information about a specific chisel\n';
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** sysdig's print_chisel_info() (-i NAME). */
export function formatChiselInfo(cd: ChiselInfo): string {
  let out = formatChiselList([cd], false);
  out += '\n';
  for (let l = 0; l < cd.description.length; l++) {
    if (l % LINE_LEN === 0 && l !== 0) out += '\n';
    out += cd.description[l];
  }
  out += '\n';
  let astr = 'Args:\n';
  if (cd.args.length) {
    for (const a of cd.args) astr += `[${a.argtype}] ${a.name} - ${a.description}\n`;
  } else astr += '(None)';
  let linepos = 0;
  for (let l = 0; l < astr.length; l++, linepos++) {
    if (astr[l] === '\n') linepos = -1;
    else if (linepos % (LINE_LEN - DESC_START) === 0 && linepos !== 0) out += '\n' + ' '.repeat(DESC_START);
    out += astr[l];
  }
  return out + '\n';
}
