// Emits native/scap/generated/event_schema.{h,c}: the event table the C
// reader and writer need (names, categories, flags, parameter types).

import { GENERATED_NOTE, bitsExpr, categoryExpr, cString } from './names.js';

function defines(entries, skip = () => false) {
  return entries
    .filter((e) => !skip(e))
    .map((e) => `#define SCAP_${e.name} ${e.value}`)
    .join('\n');
}

export function renderScapHeader(schema) {
  const { types, events, count029 } = schema;
  return `/* ${GENERATED_NOTE} */
#ifndef SCAP_GENERATED_EVENT_SCHEMA_H
#define SCAP_GENERATED_EVENT_SCHEMA_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Number of event types of the current falcosecurity table (PPM_EVENT_MAX). */
#define SCAP_EVENT_TYPE_COUNT ${events.length}
/* Event types 0 .. SCAP_EVENT_TYPE_COUNT_SYSDIG029-1 exist in sysdig 0.29.3. */
#define SCAP_EVENT_TYPE_COUNT_SYSDIG029 ${count029}
#define SCAP_MAX_EVENT_PARAMS 32

/* Parameter types */
${defines(types.PT)}

/* Print formats */
${defines(types.PF)}

/* Event categories; EC_SYSCALL and up are event-source bits */
${defines(types.EC)}

/* Event flags; EF_DROP_SIMPLE_CONS exists only in sysdig 0.29.3 */
${defines(types.EF)}

struct scap_event_schema_entry {
	const char *name;
	uint32_t category;
	uint32_t flags;
	uint32_t nparams;
	const uint8_t *param_types; /* nparams SCAP_PT_ values; NULL when nparams is 0 */
};

/*
 * The event table as sysdig 0.29.3 (libs e5c53d64) has it: the parameter counts
 * and types its drivers wrote, and so what V1 event blocks (no nparams in the
 * header) contain. Entries >= SCAP_EVENT_TYPE_COUNT_SYSDIG029 come from the
 * current table. Categories carry no event-source bits, as in 0.29.3.
 */
extern const struct scap_event_schema_entry scap_event_schema[SCAP_EVENT_TYPE_COUNT];

/* The current falcosecurity event table, unchanged. */
extern const struct scap_event_schema_entry scap_event_schema_current[SCAP_EVENT_TYPE_COUNT];

#ifdef __cplusplus
}
#endif

#endif /* SCAP_GENERATED_EVENT_SCHEMA_H */
`;
}


export function renderScapSource(schema) {
  const { types, events } = schema;
  const ptName = new Map(types.PT.map((e) => [e.value, e.name]));
  // Identical parameter-type lists are emitted once and shared.
  const arrays = new Map();
  const arrayFor = (params) => {
    if (params.length === 0) return 'NULL';
    const key = params.map((p) => p.type).join(',');
    if (!arrays.has(key)) arrays.set(key, `pt_${arrays.size}`);
    return arrays.get(key);
  };
  const rows = (view) =>
    events
      .map((e) => {
        const info = view(e);
        const category = categoryExpr(schema, info.category, 'SCAP_');
        const flags = bitsExpr(types.EF, info.flags, 'SCAP_');
        return `\t/* ${e.id} ${e.current.enum} */ {${cString(info.name)}, ${category}, ${flags}, ${info.params.length}, ${arrayFor(info.params)}},`;
      })
      .join('\n');
  const table029 = rows((e) => e.view029);
  const tableCurrent = rows((e) => e.current);
  const decls = [...arrays.entries()]
    .map(([key, name]) => {
      const list = key.split(',').map((v) => 'SCAP_' + ptName.get(Number(v)));
      return `static const uint8_t ${name}[] = {${list.join(', ')}};`;
    })
    .join('\n');
  return `/* ${GENERATED_NOTE} */
#include <stddef.h>

#include "event_schema.h"

${decls}

const struct scap_event_schema_entry scap_event_schema[SCAP_EVENT_TYPE_COUNT] = {
${table029}
};

const struct scap_event_schema_entry scap_event_schema_current[SCAP_EVENT_TYPE_COUNT] = {
${tableCurrent}
};
`;
}
