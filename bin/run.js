#!/usr/bin/env node
// sinspect's entry point. Subcommands (`sinspect driver build`, `sinspect inspect ...`)
// go through oclif. The main command line (sysdig's: `sinspect -r trace.scap ...`) goes
// straight to the inspect command's implementation: loading and configuring oclif costs
// 130-150 ms of CPU, as much as reading a million events, on every run; and oclif's flag
// parser and --help handling could not take sysdig's -pc, -cl or a filter mixed with
// options anyway (commands/inspect.ts passes its argv through the same way).
import { loadEngine } from './load-engine.js';

const SUBCOMMANDS = new Set(['driver', 'inspect']);
const argv = process.argv.slice(2);

if (SUBCOMMANDS.has(argv[0])) {
  const { flush, handle, run } = await import('@oclif/core');
  try {
    await run(argv, import.meta.url);
    await flush();
  } catch (error) {
    await handle(error);
  }
} else {
  const { runInspect } = await loadEngine();
  process.exitCode = await runInspect(argv);
}
