import { Command } from '@oclif/core';
import { driverStatus, formatStatus } from '../../sinsp/driver/status.js';
import { reportErrors } from './report.js';

/** `sinspect driver status`: headers, build, load state and devices. */
export default class DriverStatus extends Command {
  static override description = 'Show the state of the sinspect kernel module for the running kernel';

  async run(): Promise<void> {
    await reportErrors(() => {
      for (const line of formatStatus(driverStatus())) this.log(line);
    });
  }
}
