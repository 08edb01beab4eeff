// -L: the events sinspect knows, one per line: direction, name and typed parameters, in
// sysdig's layout. Unused, superseded and internal event types are not listed.
import { EVENTS, EF, EC, PT } from '../generated/schema.js';

/** the names sysdig gives parameter types: the PT_ name, but DYNAMIC for PT_DYN */
const TYPE_NAMES = new Map<number, string>(
  Object.entries(PT as Record<string, number>).map(([name, value]) => [value, name === 'DYN' ? 'DYNAMIC' : name]),
);

export function listEvents(markdown = false): string {
  let out = markdown ? 'Falco | Dir | Event\n:-----|:----|:-----\n' : '';
  const skip = (EF as Record<string, number>).UNUSED! | (EF as Record<string, number>).OLD_VERSION!;
  const internal = (EC as Record<string, number>).INTERNAL!;
  for (let t = 0; t < EVENTS.length; t++) {
    const e = EVENTS[t]!;
    if ((e.flags & skip) !== 0 || (e.category & internal) !== 0) continue;
    const params = e.params.map((p) => `${TYPE_NAMES.get(p.type) ?? '<NA>'} ${p.name}`).join(', ');
    const dir = t & 1 ? '<' : '>';
    out += markdown ? `Yes | ${dir} | **${e.name}**(${params})\n` : `${dir} ${e.name}(${params})\n`;
  }
  return out;
}
