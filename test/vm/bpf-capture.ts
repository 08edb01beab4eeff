// The guest's eBPF capture as records: the probe's own layout (current event
// table, exit events only), read back with sinspect's reader in current-libs mode.
import { SavefileReader } from '../../sinsp/capture/savefile.js';
import { decodeBatch, type CapturedEvent } from '../capture/live-harness.js';

export function readBpfCapture(file: string): CapturedEvent[] {
  const reader = SavefileReader.open(file, { readAs: 'current-libs' });
  const events: CapturedEvent[] = [];
  try {
    for (let b = reader.nextBatch(); b; b = reader.nextBatch()) events.push(...decodeBatch(b.buf, b.count));
  } finally {
    reader.close();
  }
  return events;
}
