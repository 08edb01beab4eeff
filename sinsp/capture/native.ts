// Loads the native addon (build/scap/Release/sinspect_scap.node) relative to the
// package root, whichever directory the compiled module runs from.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Set to load another build of the addon (e.g. a sanitizer build for testing). */
export const ADDON_ENV = 'SINSPECT_SCAP_ADDON';
const ADDON_PATH = join('build', 'scap', 'Release', 'sinspect_scap.node');

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'sinspect') return dir;
      } catch {
        // not ours; keep looking upwards
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the sinspect package root (package.json)');
    dir = parent;
  }
}

let cached: Record<string, unknown> | undefined;

/** The addon's exports; throws a one-line Error if it has not been built. */
export function loadAddon(): Record<string, unknown> {
  if (cached) return cached;
  const path = process.env[ADDON_ENV] || join(packageRoot(), ADDON_PATH);
  if (!existsSync(path)) {
    throw new Error(`native addon not built (${path} is missing): run \`npm run build:native\``);
  }
  const require = createRequire(import.meta.url);
  cached = require(path) as Record<string, unknown>;
  return cached;
}
