// What the driver did during a live capture: printed after the -S table, and sysdig's
// three "Driver ..." lines for -v.
//
// sysdig 0.29.3 prints no statistics block with -S, so the block below is sinspect's own
// layout; it comes after the summary table, which stays byte-identical to sysdig's.

import type { CommonLiveStats } from '../capture/live-engine.js';

/** Counters of a live capture, whichever driver produced them (absent = not counted). */
export interface CaptureCounters {
  driver: 'bpf' | 'kmod';
  /** events the driver wrote to its rings */
  events: number;
  /** records handed to sinspect */
  delivered: number;
  /** events lost, all causes */
  drops: number;
  dropsBuffer: number;
  dropsMaxSize: number;
  dropsScratch?: number;
  dropsTailCall?: number;
  dropsNested?: number;
  dropsBug: number;
  /** events dropped on purpose in the kernel (-U, filter pushdown), by either driver */
  filtered: number;
  /** parameters left empty because memory could not be read (page faults) */
  readFaults: number;
  /** probe events turned into sysdig 0.29.3's table, and those it has no form of */
  converted?: { events: number; entersAdded: number; dropped: number };
}

/** Counters the eBPF and kernel-module sources report (their stats()). */
export type DriverStatsLike = CommonLiveStats & {
  dropsScratch?: number;
  dropsTailCall?: number;
  dropsNested?: number;
};

export function captureCounters(
  driver: 'bpf' | 'kmod',
  s: DriverStatsLike,
  converted?: CaptureCounters['converted'],
): CaptureCounters {
  const c: CaptureCounters = {
    driver,
    events: s.events,
    delivered: s.delivered,
    drops: s.drops,
    dropsBuffer: s.dropsBuffer,
    dropsMaxSize: s.dropsMaxSize,
    dropsBug: s.dropsBug,
    filtered: s.filtered,
    readFaults: s.readFaults,
  };
  if (s.dropsScratch !== undefined) c.dropsScratch = s.dropsScratch;
  if (s.dropsTailCall !== undefined) c.dropsTailCall = s.dropsTailCall;
  if (s.dropsNested !== undefined) c.dropsNested = s.dropsNested;
  if (converted) c.converted = converted;
  return c;
}

const LABEL_WIDTH = 38;

function row(label: string, value: number, note = ''): string {
  return `${label.padEnd(LABEL_WIDTH, ' ')}${value}${note ? `  (${note})` : ''}\n`;
}

function percent(part: number, whole: number): string {
  if (whole <= 0) return '0.00%';
  return `${((100 * part) / whole).toFixed(2)}%`;
}

/** The -S statistics block: one counter per line, drops broken down by cause. */
export function renderCaptureStats(c: CaptureCounters): string {
  let out = '----------------------\nCapture statistics (' + (c.driver === 'bpf' ? 'eBPF probe' : 'kernel module') + ')\n----------------------\n';
  out += row('Driver events', c.events);
  out += row('Events read by sinspect', c.delivered);
  out += row('Drops', c.drops, `${percent(c.drops, c.events + c.drops)} of the events`);
  out += row('  buffer full', c.dropsBuffer);
  out += row('  event too large', c.dropsMaxSize);
  if (c.dropsScratch !== undefined) out += row('  scratch space', c.dropsScratch);
  if (c.dropsTailCall !== undefined) out += row('  tail calls', c.dropsTailCall);
  if (c.dropsNested !== undefined) out += row('  nested events', c.dropsNested);
  out += row('  driver bugs', c.dropsBug);
  out += row('Page faults (parameters left empty)', c.readFaults);
  out += row('Suppressed in the kernel', c.filtered, '-U and filter pushdown');
  if (c.converted) {
    out += row('Converted to sysdig 0.29.3 events', c.converted.events);
    out += row('  enter events added', c.converted.entersAdded);
    out += row('  dropped (no 0.29.3 form)', c.converted.dropped);
  }
  return out;
}

/**
 * sysdig's -v lines (on stderr): driver counters, then the elapsed CPU time and the
 * events the main loop saw. A capture file has no driver: its counters are 0, as sysdig's.
 */
export function renderVerboseStats(c: CaptureCounters | undefined, cpuSeconds: number, loopEvents: number): string {
  const eps = cpuSeconds > 0 ? loopEvents / cpuSeconds : 0;
  return (
    `Driver Events:${c?.events ?? 0}\nDriver Drops:${c?.drops ?? 0}\nSuppressed by Comm:${c?.filtered ?? 0}\n` +
    `Elapsed time: ${cpuSeconds.toFixed(3)}, Captured Events: ${loopEvents}, ${eps.toFixed(2)} eps\n`
  );
}
