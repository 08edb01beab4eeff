#!/usr/bin/env node
// sinspect's entry point. Everything that is not a subcommand goes to the `inspect`
// command, which parses sysdig's own command line (oclif's flag parser and its --help
// handling would not accept sysdig's -pc, -cl or a filter mixed with options).
import { Config, flush, handle, run } from '@oclif/core';

const SUBCOMMANDS = new Set(['driver']);
const argv = process.argv.slice(2);

try {
  if (SUBCOMMANDS.has(argv[0])) {
    await run(argv, import.meta.url);
  } else {
    const config = await Config.load(import.meta.url);
    await config.runCommand('inspect', argv);
  }
  await flush();
} catch (error) {
  await handle(error);
}
