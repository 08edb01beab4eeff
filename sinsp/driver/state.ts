// What the kernel says about the module: can it load modules at all, is
// sinspect loaded, which devices exist.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { MODULE_NAME } from './paths.js';

/** False when the kernel was built without module support (no /proc/modules). */
export function kernelLoadsModules(): boolean {
  return existsSync('/proc/modules');
}

export interface LoadedModule {
  size: number;
  refcount: number;
  state: string;
}

/** The module's line of /proc/modules, or undefined when it is not loaded. */
export function loadedModule(): LoadedModule | undefined {
  let text: string;
  try {
    text = readFileSync('/proc/modules', 'utf8');
  } catch {
    return undefined;
  }
  for (const line of text.split('\n')) {
    const f = line.split(' ');
    if (f[0] === MODULE_NAME) return { size: Number(f[1]), refcount: Number(f[2]), state: f[4] ?? '' };
  }
  return undefined;
}

/** /dev/sinspect<N> devices, sorted by CPU. */
export function moduleDevices(devDir = '/dev'): string[] {
  let names: string[];
  try {
    names = readdirSync(devDir);
  } catch {
    return [];
  }
  const re = new RegExp(`^${MODULE_NAME}(\\d+)$`);
  return names
    .map((n) => re.exec(n))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]))
    .map((m) => `${devDir}/${m[0]}`);
}
