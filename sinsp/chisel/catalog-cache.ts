// The chisel catalog (-cl, -i), kept between runs. Listing runs every chisel file's
// top level in a Lua state of its own, to read its description and arguments: about
// 50 states and 0.3 s on this machine, where sysdig's LuaJIT takes 0.05 s. What the
// listing finds depends only on the files in the chisel directories (a chisel's top
// level declares, it does not look around), so it is kept under a key made of every
// file of every directory (name, size, time, inode) and the Lua runtime's identity.
//
// Like the other caches of dist/code-cache (code-cache.ts), it is written only by the
// build's warm-up run, which lists the chisels; any other run only reads it. A change
// in any chisel directory (a new chisel in ~/.chisels, an edited file, another
// SINSPECT_CHISEL_DIR) makes another key, and the listing is done again.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CODE_CACHE_DIR, writingCodeCaches } from '../code-cache.js';
import type { ChiselInfo } from './chisel.js';
import { patchesFingerprint } from './fengari-bundle.js';
import { SOURCE_PATCHES } from './fengari-patches/index.js';

/** bumped when ChiselInfo or the listing's rules change */
const FORMAT = 1;

let cacheDir = CODE_CACHE_DIR;

/** another directory for the catalog (tests) */
export function setCatalogCacheDir(dir: string | undefined): void {
  cacheDir = dir;
}

function runtimeIdentity(): string {
  const version = (createRequire(import.meta.url)('fengari/package.json') as { version: string }).version;
  return `${FORMAT}\0${version}\0${patchesFingerprint(SOURCE_PATCHES)}\0`;
}

/** What the catalog of `dirs` depends on (directories as chiselDirs gives them, '/'-ended). */
export function catalogKey(dirs: string[]): string {
  const h = createHash('sha1').update(runtimeIdentity());
  for (const dir of dirs) {
    h.update(`dir\0${dir}\0`);
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      continue; // as scanChiselFiles: a directory that cannot be read holds no chisel
    }
    for (const name of names) {
      try {
        const st = statSync(dir + name);
        h.update(`${name}\0${st.size}\0${st.mtimeMs}\0${st.ino}\0`);
      } catch {
        h.update(`${name}\0?\0`);
      }
    }
  }
  return h.digest('hex').slice(0, 24);
}

function catalogPath(key: string): string | undefined {
  return cacheDir === undefined ? undefined : join(cacheDir, `chisel-catalog-${key}.json`);
}

/** the catalog a warm-up run found for exactly these directory contents, if any */
export function cachedCatalog(key: string): ChiselInfo[] | undefined {
  const path = catalogPath(key);
  if (path === undefined) return undefined;
  try {
    const list = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    return Array.isArray(list) ? (list as ChiselInfo[]) : undefined;
  } catch {
    return undefined; // none, or damaged: list again
  }
}

/** keeps the catalog (the build's warm-up run only) */
export function storeCatalog(key: string, list: ChiselInfo[]): void {
  const path = catalogPath(key);
  if (path === undefined || !writingCodeCaches()) return;
  mkdirSync(cacheDir!, { recursive: true });
  writeFileSync(path, JSON.stringify(list));
}
