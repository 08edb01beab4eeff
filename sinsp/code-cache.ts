// V8 code caches for scripts sinspect compiles itself (Fengari's bundle): a compiled
// script's bytecode, written by the build's warm-up run and read back by every later
// run, so that a chisel does not pay for parsing and compiling Fengari and the
// functions the warm-up ran are not compiled again on first call.
//
// The caches live in dist/code-cache/ (build output, next to the bundle and its cache).
// A cache V8 does not accept (another node, other flags) is simply not used. V8 checks
// a cache against the source's length only, and would run stale code for an edit that
// keeps the length: so each cache's file name holds a hash of its source.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import vm from 'node:vm';
import { findPackageRoot } from './package-root.js';

/** set by the build's warm-up run (tools/warm-up.js): write the caches at exit */
export const WRITE_ENV = 'SINSPECT_WRITE_CODE_CACHE';

const root = findPackageRoot();
/** dist/code-cache: where the build's caches live (undefined outside the package) */
export const CODE_CACHE_DIR = root === undefined ? undefined : join(root, 'dist', 'code-cache');
const cacheDir = CODE_CACHE_DIR;

/** whether this run writes the caches (the build's warm-up) */
export function writingCodeCaches(): boolean {
  return process.env[WRITE_ENV] === '1';
}
const toWrite: Array<[string, vm.Script]> = [];

function writeAll(): void {
  if (cacheDir === undefined) return;
  mkdirSync(cacheDir, { recursive: true });
  for (const [path, script] of toWrite) writeFileSync(path, script.createCachedData());
}

if (writingCodeCaches()) process.on('exit', writeAll);

/**
 * Compiles `source` as a script named `filename`, with the cache stored under `key`
 * (a name for a file in dist/code-cache) when there is one for this very source.
 * `sourceHash`: a hash of the source its maker recorded (spares hashing it here).
 */
export function compileCached(source: string, filename: string, key: string, sourceHash?: string): vm.Script {
  const hash = sourceHash ?? createHash('sha1').update(source).digest('hex').slice(0, 20);
  const path = cacheDir === undefined ? undefined : join(cacheDir, `${basename(key)}-${hash}.cache`);
  let cachedData: Buffer | undefined;
  if (path !== undefined) {
    try {
      cachedData = readFileSync(path);
    } catch {
      cachedData = undefined;
    }
  }
  const script = new vm.Script(source, { filename, cachedData });
  if (path !== undefined && writingCodeCaches()) toWrite.push([path, script]);
  return script;
}
