// -S: the table of event counts printed when the capture ends. Generic events are counted
// per syscall, under the syscall's name, as sysdig does. sysdig lists every event type
// (0.29.3 knew 336) and then every syscall code twice (329 of them, enter and exit), and
// sorts that list by count with std::sort, so ties come out in introsort's order: we
// build the same list and sort it the same way (see stdsort.ts).
import { EVENTS, SYSCALL_CODE_NAMES } from '../generated/schema.js';
import type { Event } from '../event/event.js';
import { paramU } from '../event/params.js';
import { stdSort } from './stdsort.js';

/** table sizes of sysdig 0.29.3 (PPM_EVENT_MAX and PPM_SC_MAX of its libs) */
const SYSDIG_EVENT_MAX = 336;
const SYSDIG_SC_MAX = 329;

interface Row {
  id: number;
  syscall: boolean;
  n: number;
}

export class SummaryTable {
  private readonly byType: Float64Array;
  private readonly bySyscall: Float64Array;
  private readonly genericEnter = EVENTS.findIndex((e) => e.name === 'syscall');

  constructor() {
    this.byType = new Float64Array(Math.max(EVENTS.length, SYSDIG_EVENT_MAX));
    this.bySyscall = new Float64Array(Math.max(SYSCALL_CODE_NAMES.length, SYSDIG_SC_MAX) * 2);
  }

  count(ev: Event): void {
    const t = ev.type;
    if (t === this.genericEnter || t === this.genericEnter + 1) {
      const k = (paramU(ev, 0) ?? 0) * 2 + (t & 1);
      if (k < this.bySyscall.length) this.bySyscall[k]!++;
      return;
    }
    if (t < this.byType.length) this.byType[t]!++;
  }

  /** the table, in sysdig's layout: by count, at most `max` rows */
  render(max = 100): string {
    // exactly sysdig's list first (its sizes decide how introsort orders ties), then the
    // counts of anything it could not have counted (newer event types and codes)
    const rows: Row[] = [];
    for (let id = 0; id < SYSDIG_EVENT_MAX; id++) rows.push({ id, syscall: false, n: this.byType[id]! });
    for (let id = 0; id < SYSDIG_SC_MAX * 2; id++) rows.push({ id, syscall: true, n: this.bySyscall[id]! });
    for (let id = SYSDIG_EVENT_MAX; id < this.byType.length; id++)
      if (this.byType[id]! > 0) rows.push({ id, syscall: false, n: this.byType[id]! });
    for (let id = SYSDIG_SC_MAX * 2; id < this.bySyscall.length; id++)
      if (this.bySyscall[id]! > 0) rows.push({ id, syscall: true, n: this.bySyscall[id]! });
    stdSort(rows, (a, b) => a.n > b.n);
    let out = '----------------------\n' + 'Event'.padEnd(16, ' ') + '#Calls\n' + '----------------------\n';
    for (let j = 0; j < max && j < rows.length; j++) {
      const r = rows[j]!;
      if (r.n === 0) break;
      const name = (r.syscall ? SYSCALL_CODE_NAMES[r.id >> 1] : EVENTS[r.id]?.name) ?? '<unknown>';
      out += `${r.id & 1 ? '<' : '>'} ${name.slice(0, 16).padEnd(16, ' ')}${r.n}\n`;
    }
    return out;
  }
}
