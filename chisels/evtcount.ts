// evtcount: a chisel written in TypeScript against the same API as the Lua chisels
// (compiled to dist/chisels/evtcount.js, which the chisel lookup finds by name).
import type { ChiselApi, ChiselHooks } from '../sinsp/chisel/js-chisel.js';

export const description =
  'Counts the events of each type (enter and exit together) and prints the counts, most frequent first. Add a filter to count one process only. Written in TypeScript, as an example of a JavaScript chisel.';
export const short_description = 'Events by type (TypeScript example)';
export const category = 'Performance';
export const args = [
  { name: 'limit', description: 'how many types to print (default: all)', argtype: 'int', optional: true },
];

export function create(api: ChiselApi): ChiselHooks {
  const counts = new Map<string, number>();
  let limit = Infinity;
  let type: ReturnType<ChiselApi['chisel']['request_field']>;
  return {
    on_set_arg(name, value) {
      if (name !== 'limit') return false;
      limit = Number(value);
      return Number.isInteger(limit) && limit > 0;
    },
    on_init() {
      type = api.chisel.request_field('evt.type');
      return true;
    },
    on_event() {
      const t = String(api.evt.field(type) ?? '<NA>');
      counts.set(t, (counts.get(t) ?? 0) + 1);
      return true;
    },
    on_capture_end() {
      const rows = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limit);
      for (const [t, n] of rows) api.print(String(n).padEnd(10) + t);
    },
  };
}
