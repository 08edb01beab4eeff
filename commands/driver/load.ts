import { Command, Flags } from '@oclif/core';
import { loadModule } from '../../sinsp/driver/load.js';
import { reportErrors } from './report.js';

/** `sinspect driver load`: insert the built module. */
export default class DriverLoad extends Command {
  static override description = 'Load the sinspect kernel module (built by `sinspect driver build`)';
  static override flags = {
    ko: Flags.string({ description: 'path of the sinspect.ko to load' }),
    'ring-bytes': Flags.integer({ description: 'ring buffer size per CPU, a power of two (default 8 MiB)' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(DriverLoad);
    await reportErrors(() => {
      const loaded = loadModule({ koPath: flags.ko, ringBytes: flags['ring-bytes'] });
      this.log(loaded ? 'sinspect kernel module loaded' : 'sinspect kernel module already loaded');
    });
  }
}
