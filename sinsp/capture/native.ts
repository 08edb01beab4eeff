// Loads the native addon (build/scap/Release/sinspect_scap.node) relative to the
// package root, whichever directory the compiled module runs from.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root.js';

/** Set to load another build of the addon (e.g. a sanitizer build for testing). */
export const ADDON_ENV = 'SINSPECT_SCAP_ADDON';
const ADDON_PATH = join('build', 'scap', 'Release', 'sinspect_scap.node');

let cached: Record<string, unknown> | undefined;

/** The addon's exports; throws a one-line Error if it has not been built. */
export function loadAddon(): Record<string, unknown> {
  if (cached) return cached;
  const path = process.env[ADDON_ENV] || join(packageRoot(), ADDON_PATH);
  if (!existsSync(path)) {
    throw new Error(`native addon not built (${path} is missing): run \`npm run build:native\``);
  }
  const requireAddon = createRequire(import.meta.url);
  cached = requireAddon(path) as Record<string, unknown>;
  return cached;
}
