import { Command } from '@oclif/core';

/** The main command: sysdig's command line (see `sinspect -h`). */
export default class Inspect extends Command {
  static override description = 'Read, capture, filter and format system-call events (sysdig-compatible flags)';
  static override strict = false;
  static override usage = '[options] [-p <output_format>] [filter]';

  async run(): Promise<void> {
    // loaded here rather than at the top: oclif imports every command to build its
    // command table, and only this one needs the inspector
    const { runInspect } = await import('../sinsp/cli/inspect.js');
    process.exitCode = await runInspect(this.argv);
  }
}
