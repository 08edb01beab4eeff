import { Command, Flags } from '@oclif/core';
import { buildModule } from '../../sinsp/driver/kbuild.js';
import { reportErrors } from './report.js';

/** `sinspect driver build`: compile the kernel module for this kernel. */
export default class DriverBuild extends Command {
  static override description = 'Build the sinspect kernel module against the running kernel\'s headers (kbuild)';
  static override flags = {
    kdir: Flags.string({ description: 'kernel build tree (default /lib/modules/<release>/build)' }),
    release: Flags.string({ description: 'kernel release to build for (default: the running kernel)' }),
    out: Flags.string({ description: 'output directory (default build/kmod/<release>)' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(DriverBuild);
    await reportErrors(() => {
      const r = buildModule({ kdir: flags.kdir, release: flags.release, outDir: flags.out });
      this.log(`built ${r.koPath} for ${r.release}`);
    });
  }
}
