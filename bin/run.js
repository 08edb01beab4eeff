#!/usr/bin/env node
// sinspect's entry point. Subcommands (`sinspect driver build`, `sinspect inspect ...`)
// go through oclif. The main command line (sysdig's: `sinspect -r trace.scap ...`) goes
// straight to the inspect command's implementation: loading and configuring oclif costs
// 130-150 ms of CPU, as much as reading a million events, on every run; and oclif's flag
// parser and --help handling could not take sysdig's -pc, -cl or a filter mixed with
// options anyway (commands/inspect.ts passes its argv through the same way).
//
// This file and load-engine.js are CommonJS (bin/package.json): Node's ES module loader
// costs a run about 10 ms before the first line of sinspect executes (it reads the
// entry through fs/promises and builds an ES facade of node:fs, which loads streams).
'use strict';

const SUBCOMMANDS = new Set(['driver', 'inspect']);
const argv = process.argv.slice(2);

async function main() {
  if (SUBCOMMANDS.has(argv[0])) {
    const { flush, handle, run } = await import('@oclif/core');
    try {
      // the package's root: oclif reads its package.json (this directory's has no name)
      await run(argv, require('node:path').join(__dirname, '..'));
      await flush();
    } catch (error) {
      await handle(error);
    }
    return;
  }
  const { runInspect } = await require('./load-engine.js').loadEngine();
  process.exitCode = await runInspect(argv);
}

main();
