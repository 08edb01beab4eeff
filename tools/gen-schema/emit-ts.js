// Emits sinsp/generated/schema.ts: every table the TypeScript decoder,
// renderer and field classes need, with the sysdig 0.29.3 view as default.

import { GENERATED_NOTE, short } from './names.js';

const q = (s) => JSON.stringify(s);

/** An object key, quoted when it is not an identifier (PF_10_PADDED_DEC). */
const key = (k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : q(k));

function constObject(name, doc, entries, prefix) {
  const lines = entries.map((e) => `  ${key(short(e.name, prefix))}: ${e.value},`);
  return `/** ${doc} */\nexport const ${name} = {\n${lines.join('\n')}\n} as const;\n`;
}

/**
 * A large table as JSON text parsed at load time, one entry per line. These tables load
 * on every run, and V8 parses JSON several times faster than the same object literals
 * (about 6 ms instead of 20 for this file).
 */
function jsonTable(name, type, doc, entries, open = '[', close = ']') {
  const text = entries.join(',\n').replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
  return `/** ${doc} */\nexport const ${name}: ${type} = JSON.parse(\`${open}\n${text}\n${close}\`);`;
}

function paramValue(p) {
  const v = { name: p.name, type: p.type, fmt: p.fmt };
  if (p.table !== undefined) v.table = p.table;
  if (p.dirfd !== undefined) v.dirfd = p.dirfd;
  return v;
}

function eventJson(info) {
  return JSON.stringify({ name: info.name, category: info.category, flags: info.flags, params: info.params.map(paramValue) });
}

function paramExpr(schema, p) {
  const pt = schema.types.PT.find((e) => e.value === p.type);
  const pf = schema.types.PF.find((e) => e.value === p.fmt);
  let s = `{ name: ${q(p.name)}, type: PT.${short(pt.name, 'PT_')}, fmt: PF.${short(pf.name, 'PF_')}`;
  if (p.table !== undefined) s += `, table: ${q(p.table)}`;
  if (p.dirfd !== undefined) s += `, dirfd: ${p.dirfd}`;
  return s + ' }';
}



function namesToTypes(infos) {
  const byName = new Map();
  infos.forEach((info, id) => {
    if (!byName.has(info.name)) byName.set(info.name, []);
    byName.get(info.name).push(id);
  });
  return [...byName.entries()].map(([n, ids]) => `${q(n)}: [${ids.join(', ')}]`);
}

function flagTablesJson(schema, only029) {
  const out = [];
  for (const [name, entries] of schema.flagTables.tables) {
    const kept = entries.filter((e) => !only029 || e.in029);
    out.push(`${q(name)}: ${JSON.stringify(kept.map((e) => ({ name: e.name, value: e.value })))}`);
  }
  return out;
}

export function renderTypeScript(schema) {
  const { types, events, count029 } = schema;
  const out = [];
  out.push(`// ${GENERATED_NOTE}`);
  out.push('//');
  out.push('// Two views of the event table exist. EVENTS is what sysdig 0.29.3 (falcosecurity/libs');
  out.push('// e5c53d64) prints: its names, parameter lists, types and formats, its category and flag');
  out.push('// bits (no event-source bits such as EC_SYSCALL, no EF_CONVERTER_MANAGED). Events it never');
  out.push('// knew (number >= SYSDIG029_EVENT_COUNT) are taken from the current table with the same');
  out.push('// bit conventions. EVENTS_CURRENT is the current falcosecurity table, unchanged.');
  out.push('');
  out.push(constObject('PT', 'Parameter types (ppm_param_type).', types.PT, 'PT_'));
  out.push(constObject('PF', 'Print formats (ppm_print_format).', types.PF, 'PF_'));
  out.push(constObject('EC', 'Event categories (ppm_event_category); EC_SYSCALL and up are event-source bits.', types.EC, 'EC_'));
  out.push(constObject('EF', 'Event flags (ppm_event_flags); DROP_SIMPLE_CONS exists only in sysdig 0.29.3.', types.EF, 'EF_'));
  out.push(constObject('UF', 'Syscall-table flags of the drivers.', types.UF, 'UF_'));
  out.push('/** The category bits that say where an event comes from (not present in sysdig 0.29.3). */');
  out.push(`export const EC_EVENT_SOURCE_MASK = ${types.eventSourceMask};`);
  out.push(`/** PT_MAX as sysdig 0.29.3 knew it: types at or above it are newer. */`);
  out.push(`export const PT_MAX_SYSDIG029 = ${types.ptMax029};`);
  out.push('');
  out.push('export interface ParamInfo {');
  out.push('  name: string;');
  out.push('  /** a PT value */');
  out.push('  type: number;');
  out.push('  /** a PF value */');
  out.push('  fmt: number;');
  out.push('  /** flag/enum table (FLAG_TABLES) or, for PT.DYN, dynamic table (DYN_PARAM_TABLES) */');
  out.push('  table?: string;');
  out.push('  /** PT.FSRELPATH only: index of the parameter holding the directory fd */');
  out.push('  dirfd?: number;');
  out.push('}');
  out.push('');
  out.push('export interface EventInfo {');
  out.push('  name: string;');
  out.push('  category: number;');
  out.push('  flags: number;');
  out.push('  params: ParamInfo[];');
  out.push('}');
  out.push('');
  out.push(`/** Number of event types (PPM_EVENT_MAX of the current table). */`);
  out.push(`export const EVENT_COUNT = ${events.length};`);
  out.push(`/** Event types 0 .. SYSDIG029_EVENT_COUNT-1 exist in sysdig 0.29.3. */`);
  out.push(`export const SYSDIG029_EVENT_COUNT = ${count029};`);
  out.push('');
  out.push('/** Event type numbers by libs enum name without the PPME_ prefix (current names). */');
  out.push(`export const PPME = {\n${events.map((e) => `  ${short(e.current.enum, 'PPME_')}: ${e.id},`).join('\n')}\n} as const;`);
  out.push('');
  out.push('/** libs enum name of each event type (current names, e.g. PPME_SCAPEVENT_E). */');
  out.push(`export const EVENT_ENUM_NAMES: readonly string[] = [\n${events.map((e) => `  ${q(e.current.enum)},`).join('\n')}\n];`);
  out.push('');
  const infos029 = events.map((e) => e.view029);
  out.push(jsonTable('EVENTS', 'EventInfo[]', 'Event table as sysdig 0.29.3 prints it, indexed by event type (names: EVENT_ENUM_NAMES).', infos029.map(eventJson)));
  out.push('');
  out.push(jsonTable('EVENTS_CURRENT', 'EventInfo[]', 'The current falcosecurity event table, indexed by event type.', events.map((e) => eventJson(e.current))));
  out.push('');
  out.push(jsonTable('EVENT_TYPES_BY_NAME', 'Record<string, number[]>', 'Event types by event name in the 0.29.3 view (evt.type=open matches all of them).', namesToTypes(infos029), '{', '}'));
  out.push('');
  out.push(jsonTable('EVENT_TYPES_BY_NAME_CURRENT', 'Record<string, number[]>', 'Event types by event name in the current table.', namesToTypes(events.map((e) => e.current)), '{', '}'));
  out.push('');
  const flagType = 'Record<string, { name: string; value: number }[]>';
  out.push(jsonTable('FLAG_TABLES', flagType, 'Flag/enum tables as sysdig 0.29.3 has them; entry order is the rendering order.', flagTablesJson(schema, true), '{', '}'));
  out.push('');
  out.push(jsonTable('FLAG_TABLES_CURRENT', flagType, 'Flag/enum tables of the current falcosecurity table (a superset of FLAG_TABLES).', flagTablesJson(schema, false), '{', '}'));
  out.push('');
  const dyn = [];
  for (const [name, entries] of schema.dynTables.tables) {
    const items = entries.map((e) => `    ${paramExpr(schema, { name: '', type: e.type, fmt: e.fmt })}, // ${e.index}`);
    dyn.push(`  ${name}: [\n${items.join('\n')}\n  ],`);
  }
  out.push('/** Dynamic parameter tables (PT.DYN): the first byte of the value indexes the table. */');
  out.push(`export const DYN_PARAM_TABLES: Record<string, ParamInfo[]> = {\n${dyn.join('\n')}\n};`);
  out.push('');
  out.push('/** errno number (positive) -> name, as printed after a negative result: -2(ENOENT). */');
  out.push(`export const ERRNO_NAMES: Record<number, string> = {\n${schema.errno.map(([n, s]) => `  ${n}: ${q(s)},`).join('\n')}\n};`);
  out.push('');
  out.push('/** Signal number -> name, as sysdig 0.29.3 prints PT.SIGTYPE values. */');
  out.push(`export const SIGNAL_NAMES: Record<number, string> = {\n${schema.signals.map(([n, s]) => `  ${n}: ${q(s)},`).join('\n')}\n};`);
  out.push('');
  const sc029 = schema.syscallCodes.sc029;
  out.push('/** Syscall code (ID of generic events) -> name, in the numbering of sysdig 0.29.3. */');
  out.push(`export const SYSCALL_CODE_NAMES: readonly string[] = [\n${sc029.map((e) => `  ${q(e.name)}, // ${e.code}`).join('\n')}\n];`);
  out.push('');
  out.push('/** Category (EC value) of each sysdig 0.29.3 syscall code, used for generic events. */');
  out.push(`export const SYSCALL_CODE_CATEGORIES: readonly number[] = [\n${sc029.map((e) => `  ${e.category}, // ${e.name}`).join('\n')}\n];`);
  out.push('');
  out.push('/** Event flags (EF values) of each sysdig 0.29.3 syscall code. */');
  out.push(`export const SYSCALL_CODE_FLAGS: readonly number[] = [\n${sc029.map((e) => `  ${e.flags}, // ${e.name}`).join('\n')}\n];`);
  out.push('');
  out.push('/** Syscall code -> name in the current libs numbering (lowercased PPM_SC_ names). */');
  out.push(`export const SYSCALL_CODE_NAMES_CURRENT: Record<number, string> = {\n${schema.syscallCodes.current.map((e) => `  ${e.code}: ${q(e.name)},`).join('\n')}\n};`);
  out.push('');
  out.push('export interface SyscallInfo {');
  out.push('  nr: number;');
  out.push('  name: string;');
  out.push('  /** enter/exit event types the current drivers emit (PPME.GENERIC_E/X when generic) */');
  out.push('  enter: number;');
  out.push('  exit: number;');
  out.push('  /** UF bits */');
  out.push('  flags: number;');
  out.push('  /** current ppm_sc code */');
  out.push('  sc: number;');
  out.push('  /** what the drivers of sysdig 0.29.3 emitted, and the code they put in generic events */');
  out.push('  enter029: number;');
  out.push('  exit029: number;');
  out.push('  flags029: number;');
  out.push('  sc029: number;');
  out.push('}');
  out.push('');
  const sys = schema.syscalls.map(
    (s) =>
      `"${s.nr}": ` +
      JSON.stringify({
        nr: s.nr,
        name: s.name,
        enter: s.enter,
        exit: s.exit,
        flags: s.flags,
        sc: s.sc,
        enter029: s.enter029,
        exit029: s.exit029,
        flags029: s.flags029,
        sc029: s.sc029,
      }),
  );
  out.push(jsonTable('SYSCALLS_X86_64', 'Record<number, SyscallInfo>', 'x86_64 syscall number -> driver routing.', sys, '{', '}'));
  out.push('');
  out.push('/** x86_64 syscall name -> number. */');
  out.push(`export const SYSCALL_NR_X86_64: Record<string, number> = {\n${schema.syscalls.map((s) => `  ${q(s.name)}: ${s.nr},`).join('\n')}\n};`);
  out.push('');
  out.push(constObject('PPM', 'Values the drivers encode into parameters (PPM_O_CREAT -> PPM.O_CREAT, ...).', schema.constants, 'PPM_'));
  return out.join('\n');
}
