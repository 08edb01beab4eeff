// `sinspect driver status`: everything a user needs to know to get the
// kernel module capturing, as lines of text.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultBuildDir, defaultKdir, kernelRelease, MODULE_NAME } from './paths.js';
import { kernelLoadsModules, loadedModule, moduleDevices } from './state.js';

export interface DriverStatus {
  release: string;
  modulesSupported: boolean;
  headers: string | undefined;
  built: string | undefined;
  loaded: boolean;
  inUse: boolean;
  devices: string[];
}

export function driverStatus(): DriverStatus {
  const release = kernelRelease();
  const kdir = defaultKdir(release);
  const ko = join(defaultBuildDir(release), 'kmod', `${MODULE_NAME}.ko`);
  const m = loadedModule();
  return {
    release,
    modulesSupported: kernelLoadsModules(),
    headers: existsSync(join(kdir, 'Makefile')) ? kdir : undefined,
    built: existsSync(ko) ? ko : undefined,
    loaded: m !== undefined,
    inUse: (m?.refcount ?? 0) > 0,
    devices: moduleDevices(),
  };
}

export function formatStatus(s: DriverStatus): string[] {
  const lines = [`kernel:  ${s.release}`];
  if (!s.modulesSupported) {
    lines.push('modules: not supported by this kernel (CONFIG_MODULES is off): use --bpf');
    return lines;
  }
  lines.push(`headers: ${s.headers ?? `missing: install linux-headers-${s.release}`}`);
  lines.push(`built:   ${s.built ?? 'no: run `sinspect driver build`'}`);
  lines.push(`loaded:  ${s.loaded ? (s.inUse ? 'yes, capturing' : 'yes') : 'no: run `sinspect driver load`'}`);
  lines.push(`devices: ${s.devices.length ? `${s.devices.length} (${s.devices[0]} ..)` : 'none'}`);
  return lines;
}
