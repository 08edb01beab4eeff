// Loading and unloading the module with the system's insmod/rmmod.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { defaultBuildDir, MODULE_NAME } from './paths.js';
import { join } from 'node:path';
import { kernelLoadsModules, loadedModule } from './state.js';

export interface LoadOptions {
  /** the .ko to load (default: the one `sinspect driver build` made for this kernel) */
  koPath?: string;
  /** ring buffer bytes per CPU (module parameter ring_bytes) */
  ringBytes?: number;
}

function tool(name: string, args: string[]): { ok: boolean; message: string } {
  for (const dir of ['/usr/sbin', '/sbin', '/usr/bin', '/bin']) {
    const path = join(dir, name);
    if (!existsSync(path)) continue;
    const r = spawnSync(path, args, { encoding: 'utf8' });
    const message = `${r.stderr ?? ''}${r.stdout ?? ''}`.trim().split('\n')[0] ?? '';
    return { ok: r.status === 0, message: r.error ? r.error.message : message };
  }
  return { ok: false, message: `${name} not found (install the kmod package)` };
}

/** Loads the module unless it already is. Returns false when it was already loaded. */
export function loadModule(opts: LoadOptions = {}): boolean {
  if (!kernelLoadsModules()) throw new Error('this kernel cannot load modules (it was built without CONFIG_MODULES)');
  if (loadedModule()) return false;
  const ko = opts.koPath ?? join(defaultBuildDir(), 'kmod', `${MODULE_NAME}.ko`);
  if (!existsSync(ko)) throw new Error(`${ko} does not exist: run \`sinspect driver build\` first`);
  const args = [ko];
  if (opts.ringBytes) args.push(`ring_bytes=${opts.ringBytes}`);
  const r = tool('insmod', args);
  if (!r.ok) {
    if (/Operation not permitted/.test(r.message)) throw new Error('loading the kernel module needs root');
    throw new Error(`insmod ${ko} failed: ${r.message}`);
  }
  return true;
}

/** Unloads the module. Returns false when it was not loaded. */
export function unloadModule(): boolean {
  const m = loadedModule();
  if (!m) return false;
  if (m.refcount > 0) throw new Error('the sinspect kernel module is in use by a running capture');
  const r = tool('rmmod', [MODULE_NAME]);
  if (!r.ok) {
    if (/Operation not permitted/.test(r.message)) throw new Error('unloading the kernel module needs root');
    throw new Error(`rmmod ${MODULE_NAME} failed: ${r.message}`);
  }
  return true;
}
