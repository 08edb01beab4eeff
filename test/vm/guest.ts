// Runs the VM of tools/vm once per test process and keeps what it reported.
// When the guest does not get to its checks, every test fails with the reason
// and the guest's console log.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../../sinsp/driver/paths.js';

export type Facts = Record<string, string>;

export interface VmRun {
  abi: string;
  drivers: string[];
  consoleLog: string;
  timedOut: boolean;
  qemuStderr: string;
  files: Record<string, string>;
  facts: Record<string, Facts>;
}

interface VmModule {
  runVm(opts: { log?: (m: string) => void }): Promise<VmRun>;
}

let running: Promise<VmRun> | undefined;

export const ROOT = packageRoot();

/** The one VM run of this process. */
export function vmRun(): Promise<VmRun> {
  running ??= (async () => {
    const mod = (await import(pathToFileURL(join(ROOT, 'tools', 'vm', 'index.js')).href)) as VmModule;
    return mod.runVm({ log: (m) => console.log(`vm: ${m}`) });
  })();
  return running;
}

/** Throws, with the console log, unless the guest finished the driver's capture. */
export function requireDone(run: VmRun, driver: string): { file: string; facts: Facts } {
  const done = new RegExp(`^VMTEST-DONE ${driver}\\s*$`, 'm').test(run.consoleLog);
  if (!done) {
    const why = run.timedOut
      ? 'the guest did not power off in time'
      : run.drivers.includes(driver)
        ? `the guest did not finish its ${driver} capture`
        : `the guest program was built without the ${driver} driver`;
    throw new Error(
      `VM (${run.abi}): ${why}\n--- guest console ---\n${run.consoleLog}\n--- qemu ---\n${run.qemuStderr}`,
    );
  }
  return { file: run.files[driver]!, facts: run.facts[driver] ?? {} };
}

/** The guest's "VMTEST-STATS <driver> k=v ..." line as numbers. */
export function guestStats(run: VmRun, driver: string): Record<string, number> {
  const m = new RegExp(`^VMTEST-STATS ${driver} (.*)$`, 'm').exec(run.consoleLog);
  const out: Record<string, number> = {};
  for (const kv of (m?.[1] ?? '').trim().split(/\s+/)) {
    const [k, v] = kv.split('=');
    if (k && v !== undefined) out[k] = Number(v);
  }
  return out;
}
