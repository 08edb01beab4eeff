#!/usr/bin/env node
// Runs the VM once by hand and prints the guest console: node tools/vm/run.js
// (needs `npm run build:ts` first for the kbuild logic in dist/).
import { runVm } from './index.js';

try {
  const r = await runVm({ log: (m) => console.error(`vm: ${m}`) });
  process.stdout.write(r.consoleLog);
  for (const [d, f] of Object.entries(r.files)) console.error(`vm: ${d} capture: ${f}`);
  if (r.timedOut) {
    console.error('vm: the guest did not power off in time');
    process.exitCode = 1;
  }
} catch (e) {
  console.error(`vm: ${e instanceof Error ? e.message : e}`);
  process.exitCode = 1;
}
