// Emits native/driver/generated/ppm_events_gen.h for the kernel module and the
// eBPF probe: event numbers, parameter types and counts, the PPM_ values the
// drivers encode, syscall codes and the x86_64 syscall routing table.
// Pure static const data, no includes: it must compile as kernel C and BPF C.

import { GENERATED_NOTE, bitsExpr, cInt, short } from './names.js';

function enumBlock(name, entries, last) {
  const lines = entries.map((e) => `\t${e.name} = ${e.value},`);
  if (last) lines.push(`\t${last.name} = ${last.value}`);
  return `enum ${name} {\n${lines.join('\n')}\n};`;
}

export function renderDriverHeader(schema) {
  const { types, events, count029, syscallCodes, syscalls, constants } = schema;
  const out = [];
  const evName = (id) => events[id].current.enum;

  out.push(`/* ${GENERATED_NOTE} */`);
  out.push('#ifndef PPM_EVENTS_GEN_H');
  out.push('#define PPM_EVENTS_GEN_H');
  out.push('');
  out.push('/*');
  out.push(' * Fixed-width types: the kernel (<linux/types.h>) and BPF (vmlinux.h) provide');
  out.push(' * __u8.. themselves; elsewhere (userspace tests) they are declared here with');
  out.push(' * the same underlying types, so a later <linux/types.h> does not conflict.');
  out.push(' */');
  out.push('#if !defined(__KERNEL__) && !defined(__bpf__) && !defined(__VMLINUX_H__)');
  out.push('typedef unsigned char __u8;');
  out.push('typedef unsigned short __u16;');
  out.push('typedef unsigned int __u32;');
  out.push('typedef unsigned long long __u64;');
  out.push('#endif');
  out.push('');

  out.push('/* Event types. Numbers >= PPM_EVENT_MAX_SYSDIG029 are unknown to sysdig 0.29.3. */');
  out.push(enumBlock('ppm_event_code', events.map((e) => ({ name: e.current.enum, value: e.id })), { name: 'PPM_EVENT_MAX', value: events.length }));
  out.push(`#define PPM_EVENT_MAX_SYSDIG029 ${count029}`);
  const renamed = events.filter((e) => e.v029 && e.v029.enum !== e.current.enum);
  if (renamed.length) {
    out.push('/* Names these events had in sysdig 0.29.3 */');
    for (const e of renamed) out.push(`#define ${e.v029.enum} ${e.current.enum}`);
  }
  out.push('#define PPME_DIRECTION_FLAG 1');
  out.push('#define PPME_IS_ENTER(x) (((x) & PPME_DIRECTION_FLAG) == 0)');
  out.push('#define PPME_IS_EXIT(x) ((x) & PPME_DIRECTION_FLAG)');
  out.push('');

  out.push('/* Parameter types */');
  out.push(enumBlock('ppm_param_type', types.PT));
  out.push('');
  out.push('/* Syscall-table flags */');
  for (const e of types.UF) out.push(`#define ${e.name} ${e.value}`);
  out.push('');

  out.push('#define PPM_MAX_EVENT_PARAMS 32');
  out.push('');
  out.push('/*');
  out.push(' * Parameter counts. PPM_NPARAMS_<event> is the current layout;');
  out.push(' * PPM_NPARAMS029_<event> the layout sysdig 0.29.3 expects (the drivers of that');
  out.push(' * era wrote the first N parameters of the current list, except where types');
  out.push(' * differ: see schema/README.md).');
  out.push(' */');
  for (const e of events) {
    const s = short(e.current.enum, 'PPME_');
    out.push(`#define PPM_NPARAMS_${s} ${e.current.params.length}`);
    if (e.v029) out.push(`#define PPM_NPARAMS029_${s} ${e.v029.params.length}`);
  }
  out.push('');
  out.push('static const __u8 ppm_event_nparams[PPM_EVENT_MAX] = {');
  for (const e of events) out.push(`\t[${evName(e.id)}] = ${e.current.params.length},`);
  out.push('};');
  out.push('');
  out.push('/* 0 for events sysdig 0.29.3 does not know */');
  out.push('static const __u8 ppm_event_nparams_sysdig029[PPM_EVENT_MAX] = {');
  for (const e of events) out.push(`\t[${evName(e.id)}] = ${e.v029 ? e.v029.params.length : 0},`);
  out.push('};');
  out.push('');
  const ptName = new Map(types.PT.map((e) => [e.value, e.name]));
  out.push('/* Parameter types of the current layout */');
  out.push('static const __u8 ppm_event_param_types[PPM_EVENT_MAX][PPM_MAX_EVENT_PARAMS] = {');
  for (const e of events) {
    if (e.current.params.length === 0) continue;
    out.push(`\t[${evName(e.id)}] = {${e.current.params.map((p) => ptName.get(p.type)).join(', ')}},`);
  }
  out.push('};');
  out.push('');

  out.push('/* Values encoded into parameters (flags, enums, socket families, ...) */');
  for (const c of constants) out.push(`#define ${c.name} ${cInt(c.value)}`);
  out.push('');

  out.push('/* Syscall codes (ppm_sc), current numbering: the ID parameter of generic events */');
  const curCodes = new Map(syscallCodes.current.map((e) => [e.code, e]));
  for (const e of syscallCodes.current) out.push(`#define ${e.enum} ${e.code}`);
  const scMax = Math.max(...syscallCodes.current.map((e) => e.code)) + 1;
  out.push(`#define PPM_SC_MAX ${scMax}`);
  out.push('/* sysdig 0.29.3 knows codes below PPM_SC_MAX_SYSDIG029 (same numbers); its names where they differ */');
  out.push(`#define PPM_SC_MAX_SYSDIG029 ${syscallCodes.sc029.length}`);
  for (const e of syscallCodes.sc029) {
    const cur = curCodes.get(e.code);
    if (cur && cur.enum !== e.enum && e.code !== 0) out.push(`#define SYSDIG029_${e.enum} ${e.code}`);
  }
  out.push('');

  out.push('/*');
  out.push(' * x86_64 syscall routing: syscall nr -> events and code. The *_sysdig029 fields');
  out.push(' * are what the drivers of sysdig 0.29.3 emitted (their event versions, and the');
  out.push(' * code they put in generic events: 0 when they had none).');
  out.push(' */');
  out.push('struct ppm_syscall_route {');
  out.push('\t__u16 enter_event;');
  out.push('\t__u16 exit_event;');
  out.push('\t__u16 ppm_sc;');
  out.push('\t__u16 enter_event_sysdig029;');
  out.push('\t__u16 exit_event_sysdig029;');
  out.push('\t__u16 ppm_sc_sysdig029;');
  out.push('\t__u8 flags; /* UF_ */');
  out.push('\t__u8 flags_sysdig029;');
  out.push('};');
  out.push('');
  out.push('#define PPM_SYSCALL_TABLE_SIZE_X86_64 512');
  out.push('static const struct ppm_syscall_route ppm_syscall_table_x86_64[PPM_SYSCALL_TABLE_SIZE_X86_64] = {');
  const scCur = new Map(syscallCodes.current.map((e) => [e.code, e.enum]));
  for (const s of syscalls) {
    const uf = (v) => bitsExpr(types.UF, v);
    out.push(
      `\t[${s.nr}] = {${evName(s.enter)}, ${evName(s.exit)}, ${scCur.get(s.sc)}, ` +
        `${evName(s.enter029)}, ${evName(s.exit029)}, ${s.sc029}, ${uf(s.flags)}, ${uf(s.flags029)}}, /* ${s.name} */`,
    );
  }
  out.push('};');
  out.push('');
  out.push('#endif /* PPM_EVENTS_GEN_H */');
  out.push('');
  return out.join('\n');
}
