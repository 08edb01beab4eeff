import { Command } from '@oclif/core';
import { unloadModule } from '../../sinsp/driver/load.js';
import { reportErrors } from './report.js';

/** `sinspect driver unload`: remove the module. */
export default class DriverUnload extends Command {
  static override description = 'Unload the sinspect kernel module';

  async run(): Promise<void> {
    await reportErrors(() => {
      this.log(unloadModule() ? 'sinspect kernel module unloaded' : 'sinspect kernel module was not loaded');
    });
  }
}
