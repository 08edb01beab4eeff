// Reads schema/*.json, checks it for consistency and resolves every symbolic
// name (PT_FD, "EC_FILE | EC_SYSCALL", PPME_...) to numbers, so the emitters
// only format data. Any inconsistency is reported as one line naming the file.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

class SchemaError extends Error {}

function fail(file, msg) {
  throw new SchemaError(`schema/${file}: ${msg}`);
}

function readJson(dir, file) {
  let text;
  try {
    text = readFileSync(join(dir, file), 'utf8');
  } catch {
    fail(file, 'cannot be read');
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    fail(file, `invalid JSON (${err.message})`);
  }
}

/** An ordered enum: [{ name: 'PT_FD', short: 'FD', value: 14 }]. */
function enumFrom(file, prefix, obj) {
  if (!obj || typeof obj !== 'object') fail(file, `missing ${prefix} table`);
  return Object.entries(obj).map(([short, value]) => {
    if (!Number.isInteger(value)) fail(file, `${prefix}_${short} is not an integer`);
    return { name: `${prefix}_${short}`, short, value };
  });
}

function lookup(entries) {
  const map = new Map();
  for (const e of entries) map.set(e.name, e.value);
  return map;
}

/** "EF_A | EF_B" -> number, every name checked against its enum. */
function orOfNames(file, where, text, map) {
  if (typeof text !== 'string' || text.trim() === '') fail(file, `${where}: expected "NAME | NAME"`);
  let value = 0;
  for (const part of text.split('|').map((s) => s.trim())) {
    if (!map.has(part)) fail(file, `${where}: unknown name ${part}`);
    value = (value | map.get(part)) >>> 0;
  }
  return value;
}

function loadTypes(dir) {
  const file = 'types.json';
  const raw = readJson(dir, file);
  const types = {
    PT: enumFrom(file, 'PT', raw.PT),
    PF: enumFrom(file, 'PF', raw.PF),
    EC: enumFrom(file, 'EC', raw.EC),
    EF: enumFrom(file, 'EF', raw.EF),
    UF: enumFrom(file, 'UF', raw.UF),
  };
  const ec = lookup(types.EC);
  let sourceMask = 0;
  for (const n of raw.eventSourceCategories ?? []) {
    if (!ec.has(n)) fail(file, `eventSourceCategories: unknown ${n}`);
    sourceMask |= ec.get(n);
  }
  const all = new Set(Object.values(types).flat().map((e) => e.name));
  for (const n of [...(raw.onlyCurrent ?? []), ...(raw.onlySysdig029 ?? [])]) {
    if (!all.has(n)) fail(file, `onlyCurrent/onlySysdig029: unknown ${n}`);
  }
  const ptMax029 = raw.sysdig029?.PT_MAX;
  if (!Number.isInteger(ptMax029)) fail(file, 'sysdig029.PT_MAX missing');
  return {
    ...types,
    eventSourceMask: sourceMask,
    onlyCurrent: new Set(raw.onlyCurrent ?? []),
    onlySysdig029: new Set(raw.onlySysdig029 ?? []),
    ptMax029,
  };
}

function loadFlagTables(dir) {
  const file = 'flag_tables.json';
  const raw = readJson(dir, file);
  const tables = new Map();
  for (const [name, entries] of Object.entries(raw.tables ?? {})) {
    if (!Array.isArray(entries)) fail(file, `${name}: expected a list`);
    tables.set(
      name,
      entries.map((e, i) => {
        if (typeof e.name !== 'string' || !Number.isInteger(e.value) || e.value < 0 || e.value > 0xffffffff) {
          fail(file, `${name}[${i}]: expected {name, value} with a uint32 value`);
        }
        return { name: e.name, value: e.value, in029: e.absentIn029 !== true };
      }),
    );
  }
  const absent = new Set(raw.absentIn029 ?? []);
  for (const n of absent) if (!tables.has(n)) fail(file, `absentIn029: unknown table ${n}`);
  return { tables, absent029: absent };
}

function loadDynTables(dir, maps) {
  const file = 'dynamic_params.json';
  const raw = readJson(dir, file);
  const tables = new Map();
  for (const [name, entries] of Object.entries(raw.tables ?? {})) {
    tables.set(
      name,
      entries.map((e, i) => {
        const where = `${name}[${i}]`;
        if (!maps.PT.has(e.type)) fail(file, `${where}: unknown type ${e.type}`);
        if (!maps.PF.has(e.fmt)) fail(file, `${where}: unknown format ${e.fmt}`);
        if (typeof e.index !== 'string') fail(file, `${where}: missing index name`);
        return { index: e.index, type: maps.PT.get(e.type), fmt: maps.PF.get(e.fmt) };
      }),
    );
  }
  const absent = new Set(raw.absentIn029 ?? []);
  for (const n of absent) if (!tables.has(n)) fail(file, `absentIn029: unknown table ${n}`);
  return { tables, absent029: absent };
}

function loadEvents(dir, types, maps, flagTables, dynTables) {
  const file = 'events.json';
  const raw = readJson(dir, file);
  const list = raw.events;
  if (!Array.isArray(list) || list.length === 0) fail(file, 'missing events list');
  const count029 = raw.sysdig029EventCount;
  if (!Number.isInteger(count029) || count029 > list.length) fail(file, 'bad sysdig029EventCount');
  const ptDyn = maps.PT.get('PT_DYN');
  const ptRelPath = maps.PT.get('PT_FSRELPATH');

  function params(where, rawParams) {
    if (!Array.isArray(rawParams)) fail(file, `${where}: params must be a list`);
    if (rawParams.length > 32) fail(file, `${where}: more than 32 params`);
    return rawParams.map((p, i) => {
      const pw = `${where} param ${i}`;
      if (!Array.isArray(p) || p.length < 3 || p.length > 4) fail(file, `${pw}: expected [name, type, fmt, ref?]`);
      const [name, typeName, fmtName, ref] = p;
      if (typeof name !== 'string') fail(file, `${pw}: name must be a string`);
      if (!maps.PT.has(typeName)) fail(file, `${pw}: unknown type ${typeName}`);
      if (!maps.PF.has(fmtName)) fail(file, `${pw}: unknown format ${fmtName}`);
      const out = { name, type: maps.PT.get(typeName), fmt: maps.PF.get(fmtName) };
      if (typeof ref === 'string') {
        const isDyn = out.type === ptDyn;
        if (isDyn && !dynTables.tables.has(ref)) fail(file, `${pw}: unknown dynamic table ${ref}`);
        if (!isDyn && !flagTables.tables.has(ref)) fail(file, `${pw}: unknown flag table ${ref}`);
        out.table = ref;
      } else if (ref && typeof ref === 'object') {
        if (!Number.isInteger(ref.dirfd) || ref.dirfd >= rawParams.length) fail(file, `${pw}: bad dirfd reference`);
        if (out.type !== ptRelPath) fail(file, `${pw}: dirfd reference on a non-PT_FSRELPATH param`);
        out.dirfd = ref.dirfd;
      } else if (ref !== undefined) {
        fail(file, `${pw}: bad reference`);
      } else if (out.type === ptDyn) {
        fail(file, `${pw}: PT_DYN param without a dynamic table`);
      }
      return out;
    });
  }

  const enums = new Set();
  const events = list.map((e, id) => {
    const where = `event ${id}`;
    if (e.id !== id) fail(file, `${where}: id ${e.id} out of order`);
    if (typeof e.enum !== 'string' || !e.enum.startsWith('PPME_')) fail(file, `${where}: bad enum name`);
    if (enums.has(e.enum)) fail(file, `${where}: duplicate enum ${e.enum}`);
    enums.add(e.enum);
    if (typeof e.name !== 'string') fail(file, `${where}: missing name`);
    const current = {
      enum: e.enum,
      name: e.name,
      category: orOfNames(file, `${where} category`, e.category, maps.EC),
      flags: orOfNames(file, `${where} flags`, e.flags, maps.EF),
      params: params(where, e.params),
    };
    let v029 = null;
    if (id < count029) {
      if (e.sysdig029 === 'unknown') fail(file, `${where}: below sysdig029EventCount but marked unknown`);
      const o = e.sysdig029 ?? {};
      const convManaged = maps.EF.get('EF_CONVERTER_MANAGED') ?? 0;
      v029 = {
        enum: o.enum ?? current.enum,
        name: o.name ?? current.name,
        category:
          o.category !== undefined
            ? orOfNames(file, `${where} sysdig029.category`, o.category, maps.EC)
            : (current.category & ~types.eventSourceMask) >>> 0,
        flags:
          o.flags !== undefined
            ? orOfNames(file, `${where} sysdig029.flags`, o.flags, maps.EF)
            : (current.flags & ~convManaged) >>> 0,
        params: current.params,
      };
      if (o.params !== undefined && o.nparams !== undefined) fail(file, `${where}: sysdig029 has both params and nparams`);
      if (o.params !== undefined) v029.params = params(`${where} sysdig029`, o.params);
      if (o.nparams !== undefined) {
        if (!Number.isInteger(o.nparams) || o.nparams > current.params.length) fail(file, `${where}: bad sysdig029.nparams`);
        v029.params = current.params.slice(0, o.nparams);
      }
    } else if (e.sysdig029 !== 'unknown') {
      fail(file, `${where}: beyond sysdig029EventCount, sysdig029 must be "unknown"`);
    }
    // The 0.29.3 view of an event e5c53d64 never had: current data, 0.29.3 bit conventions.
    const view029 = v029 ?? {
      ...current,
      category: (current.category & ~types.eventSourceMask) >>> 0,
      flags: (current.flags & ~(maps.EF.get('EF_CONVERTER_MANAGED') ?? 0)) >>> 0,
    };
    return { id, current, v029, view029 };
  });
  return { events, count029 };
}

function loadNumberNames(dir, file) {
  const raw = readJson(dir, file);
  return Object.entries(raw.names ?? {})
    .map(([k, v]) => {
      const n = Number(k);
      if (!Number.isInteger(n) || typeof v !== 'string') fail(file, `bad entry ${k}`);
      return [n, v];
    })
    .sort((a, b) => a[0] - b[0]);
}

function loadSyscallCodes(dir, maps) {
  const file = 'syscall_codes.json';
  const raw = readJson(dir, file);
  const check = (list, label) => {
    if (!Array.isArray(list)) fail(file, `missing ${label}`);
    const seen = new Set();
    return list.map((e) => {
      if (!Number.isInteger(e.code) || seen.has(e.code)) fail(file, `${label}: bad or duplicate code ${e.code}`);
      if (typeof e.enum !== 'string' || typeof e.name !== 'string') fail(file, `${label} ${e.code}: missing enum/name`);
      seen.add(e.code);
      return e;
    });
  };
  const sc029 = check(raw.sysdig029, 'sysdig029').map((e) => ({
    code: e.code,
    enum: e.enum,
    name: e.name,
    category: orOfNames(file, `sysdig029 ${e.code} category`, e.category, maps.EC),
    flags: orOfNames(file, `sysdig029 ${e.code} flags`, e.flags, maps.EF),
  }));
  sc029.forEach((e, i) => {
    if (e.code !== i) fail(file, `sysdig029: codes must be dense, found ${e.code} at ${i}`);
  });
  const current = check(raw.current, 'current').map((e) => ({ code: e.code, enum: e.enum, name: e.name }));
  return { sc029, current };
}

function loadSyscalls(dir, maps, eventEnums, sc) {
  const file = 'syscalls_x86_64.json';
  const raw = readJson(dir, file);
  const scCur = new Map(sc.current.map((e) => [e.enum, e.code]));
  const sc029 = new Map(sc.sc029.map((e) => [e.enum, e.code]));
  const ev = (where, n) => {
    if (!eventEnums.has(n)) fail(file, `${where}: unknown event ${n}`);
    return eventEnums.get(n);
  };
  const seen = new Set();
  return (raw.syscalls ?? []).map((s) => {
    const where = `syscall ${s.nr}`;
    if (!Number.isInteger(s.nr) || s.nr < 0 || s.nr >= 512 || seen.has(s.nr)) fail(file, `${where}: bad or duplicate nr`);
    seen.add(s.nr);
    if (!scCur.has(s.sc)) fail(file, `${where}: unknown code ${s.sc}`);
    const o = s.sysdig029 ?? {};
    const row = {
      nr: s.nr,
      name: s.name,
      enter: ev(where, s.enter),
      exit: ev(where, s.exit),
      flags: orOfNames(file, `${where} flags`, s.flags, maps.UF),
      sc: scCur.get(s.sc),
    };
    const sc029Name = o.sc ?? s.sc;
    if (!sc029.has(sc029Name)) fail(file, `${where}: ${sc029Name} is not in the sysdig029 code table`);
    row.enter029 = o.enter !== undefined ? ev(where, o.enter) : row.enter;
    row.exit029 = o.exit !== undefined ? ev(where, o.exit) : row.exit;
    row.flags029 = o.flags !== undefined ? orOfNames(file, `${where} sysdig029.flags`, o.flags, maps.UF) : row.flags;
    row.sc029 = sc029.get(sc029Name);
    return row;
  });
}

function loadConstants(dir) {
  const file = 'constants.json';
  const raw = readJson(dir, file);
  return Object.entries(raw.constants ?? {}).map(([name, value]) => {
    if (!/^PPM_[A-Za-z0-9_]+$/.test(name) || !Number.isInteger(value)) fail(file, `bad constant ${name}`);
    return { name, value };
  });
}

export function loadSchema(dir) {
  const types = loadTypes(dir);
  const maps = {
    PT: lookup(types.PT),
    PF: lookup(types.PF),
    EC: lookup(types.EC),
    EF: lookup(types.EF),
    UF: lookup(types.UF),
  };
  const flagTables = loadFlagTables(dir);
  const dynTables = loadDynTables(dir, maps);
  const { events, count029 } = loadEvents(dir, types, maps, flagTables, dynTables);
  const eventEnums = new Map(events.map((e) => [e.current.enum, e.id]));
  const syscallCodes = loadSyscallCodes(dir, maps);
  return {
    types,
    maps,
    flagTables,
    dynTables,
    events,
    count029,
    errno: loadNumberNames(dir, 'errno.json'),
    signals: loadNumberNames(dir, 'signals.json'),
    syscallCodes,
    syscalls: loadSyscalls(dir, maps, eventEnums, syscallCodes),
    constants: loadConstants(dir),
  };
}
