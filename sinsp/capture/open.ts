// Choose and open the event source the command line asks for: a capture file (-r) or a
// live driver (--bpf / --kmod).
import type { CaptureMetadata } from './types.js';
import type { InspectOptions } from '../cli/options.js';

export interface EventSource {
  readonly meta: CaptureMetadata;
  /** the next batch of records, or null at the end; throws after the last good batch on damage */
  nextBatch(): { buf: Buffer; count: number } | null;
  close(): void;
  /** read and check the next batch without returning it: its event count, 0 at the end */
  skipBatch?(): number;
  /** for -P: percent of the input consumed */
  progressPercent?(): number;
}

export async function openSource(opts: InspectOptions): Promise<EventSource> {
  if (opts.readFiles.length > 1) throw new Error('sinspect reads one capture file at a time');
  if (opts.readFiles.length === 1) {
    const { SavefileReader } = await import('./savefile.js');
    // the inspector copies whatever it keeps of a record (enter events, -w batches)
    const reader = SavefileReader.open(opts.readFiles[0]!, { reuseBuffers: true });
    return Object.assign(reader, {
      progressPercent: () => (reader.fileSize > 0 ? (100 * reader.bytesRead) / reader.fileSize : 0),
    });
  }
  const { openLiveSource } = await import('./live-open.js');
  return openLiveSource(opts);
}
