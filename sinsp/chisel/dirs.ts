// Where chisels are looked up, in sysdig's order: the name as given (a path), ./chisels,
// ~/.chisels, then sinspect's bundled chisels, then sysdig's own install directory, then
// any directory listed (';'-separated) in SINSPECT_CHISEL_DIR or SYSDIG_CHISEL_DIR.
import { realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { findPackageRoot } from '../package-root.js';

export const SYSDIG_CHISELS_DIR = '/usr/share/sysdig/chisels/';

function withSlash(d: string): string {
  return d === '' || d.endsWith('/') ? d : d + '/';
}

/** Our bundled chisels: the Lua sources and the compiled TypeScript ones. */
export function bundledDirs(): string[] {
  const root = findPackageRoot() ?? process.cwd();
  return [withSlash(join(root, 'chisels')), withSlash(join(root, 'dist', 'chisels'))];
}

/** Chisel directories in lookup order. '' stands for "the name as given". */
export function chiselDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  const dirs = ['', './chisels/'];
  try {
    dirs.push(withSlash(realpathSync(join(homedir(), '.chisels'))));
  } catch {
    // no ~/.chisels: sysdig skips it too
  }
  dirs.push(...bundledDirs(), SYSDIG_CHISELS_DIR);
  for (const v of [env.SINSPECT_CHISEL_DIR, env.SYSDIG_CHISEL_DIR]) {
    if (v) for (const d of v.split(';')) if (d) dirs.push(withSlash(d));
  }
  return [...new Set(dirs)];
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

export type ChiselKind = 'lua' | 'js';

export interface FoundChisel {
  path: string;
  kind: ChiselKind;
}

/** Extensions of chisels written in JavaScript (compiled TypeScript included). */
export const JS_EXTENSIONS = ['.js', '.mjs'];

export function kindOf(path: string): ChiselKind {
  return JS_EXTENSIONS.some((e) => path.endsWith(e)) ? 'js' : 'lua';
}

/**
 * Find a chisel file the way sysdig does: NAME.lua in every directory first, then (our
 * addition) NAME.js/NAME.mjs, then NAME as is.
 */
export function findChisel(name: string, dirs: string[]): FoundChisel | undefined {
  const n = name.trim();
  for (const d of dirs) if (isFile(d + n + '.lua')) return { path: d + n + '.lua', kind: 'lua' };
  for (const ext of JS_EXTENSIONS)
    for (const d of dirs) if (isFile(d + n + ext)) return { path: d + n + ext, kind: 'js' };
  for (const d of dirs) if (isFile(d + n)) return { path: d + n, kind: kindOf(n) };
  return undefined;
}

/** Lua's package.path for chisels: every chisel directory, so `require "x"` finds x.lua there. */
export function luaPackagePath(dirs: string[]): string {
  const parts = ['./?.lua'];
  for (const d of dirs) parts.push(d + '?.lua');
  return [...new Set(parts)].join(';');
}
