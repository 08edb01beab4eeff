import { Command } from '@oclif/core';
import { runInspect } from '../sinsp/cli/inspect.js';

/** The main command: sysdig's command line (see `sinspect -h`). */
export default class Inspect extends Command {
  static override description = 'Read, capture, filter and format system-call events (sysdig-compatible flags)';
  static override strict = false;
  static override usage = '[options] [-p <output_format>] [filter]';

  async run(): Promise<void> {
    process.exitCode = await runInspect(this.argv);
  }
}
