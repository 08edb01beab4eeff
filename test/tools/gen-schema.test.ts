import test from 'ava';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  DYN_PARAM_TABLES,
  EC,
  EC_EVENT_SOURCE_MASK,
  EF,
  ERRNO_NAMES,
  EVENT_COUNT,
  EVENT_TYPES_BY_NAME,
  EVENTS,
  EVENTS_CURRENT,
  FLAG_TABLES,
  FLAG_TABLES_CURRENT,
  PF,
  PPM,
  PPME,
  PT,
  SIGNAL_NAMES,
  SYSCALL_CODE_NAMES,
  SYSCALL_CODE_NAMES_CURRENT,
  SYSCALL_NR_X86_64,
  SYSCALLS_X86_64,
  SYSDIG029_EVENT_COUNT,
} from '../../sinsp/generated/schema.js';

// dist/test/tools -> repository root
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const OUTPUTS = [
  'sinsp/generated/schema.ts',
  'native/scap/generated/event_schema.h',
  'native/scap/generated/event_schema.c',
  'native/driver/generated/ppm_events_gen.h',
];

/** A scratch copy of the generator, its schema and its committed outputs. */
function scratchCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gen-schema-'));
  for (const p of ['tools/gen-schema.js', 'tools/gen-schema', 'schema', ...OUTPUTS]) {
    cpSync(join(root, p), join(dir, p), { recursive: true });
  }
  return dir;
}

function runCheck(cwd: string) {
  return spawnSync(process.execPath, ['tools/gen-schema.js', '--check'], { cwd, encoding: 'utf8' });
}

const names = (params: { name: string }[]) => params.map((p) => p.name);

test('committed generated files are fresh', (t) => {
  const r = runCheck(root);
  t.is(r.stderr, '');
  t.is(r.status, 0);
});

test('--check names the stale file in one line', (t) => {
  const dir = scratchCopy();
  try {
    appendFileSync(join(dir, 'native/scap/generated/event_schema.c'), '/* edited by hand */\n');
    const r = runCheck(dir);
    t.is(r.status, 1);
    t.is(r.stderr, 'gen-schema: native/scap/generated/event_schema.c is stale; run npm run gen\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an inconsistent schema is reported in one line, without a stack trace', (t) => {
  const dir = scratchCopy();
  try {
    const file = join(dir, 'schema/events.json');
    const events = JSON.parse(readFileSync(file, 'utf8'));
    events.events[2].params[1][1] = 'PT_NO_SUCH_TYPE';
    writeFileSync(file, JSON.stringify(events));
    const r = runCheck(dir);
    t.is(r.status, 1);
    t.is(r.stderr, 'gen-schema: schema/events.json: event 2 param 1: unknown type PT_NO_SUCH_TYPE\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('enums keep the libs numbering', (t) => {
  t.is(PT.CHARBUF, 9);
  t.is(PT.FSRELPATH, 43);
  t.is(PT.ENUMFLAGS32, 46);
  t.is(PF.OCT, 6);
  t.is(EC.IO_READ, 32);
  t.is(EC.SYSCALL, 512);
  t.is(EF.DROP_SIMPLE_CONS, 1024);
  t.is(EC_EVENT_SOURCE_MASK, EC.SYSCALL | EC.TRACEPOINT | EC.PLUGIN | EC.METAEVENT | EC.ITER);
  t.is(EVENT_COUNT, 454);
  t.is(SYSDIG029_EVENT_COUNT, 336);
  t.is(EVENTS.length, EVENT_COUNT);
  t.is(EVENTS_CURRENT.length, EVENT_COUNT);
  t.is(PPME.SYSCALL_OPEN_E, 2);
  t.is(PPME.SYSCALL_EXECVE_19_X, 293);
  t.is(PPME.SYSCALL_KEYCTL_X, 453);
});

test('open enter and exit as sysdig 0.29.3 prints them', (t) => {
  const enter = EVENTS[2];
  t.is(enter.name, 'open');
  t.is(enter.category, EC.FILE);
  t.is(enter.flags, EF.CREATES_FD | EF.MODIFIES_STATE);
  t.deepEqual(enter.params, [
    { name: 'name', type: PT.FSPATH, fmt: PF.NA },
    { name: 'flags', type: PT.FLAGS32, fmt: PF.HEX, table: 'file_flags' },
    { name: 'mode', type: PT.UINT32, fmt: PF.OCT },
  ]);
  // 0.29.3 knows no ino parameter; the current table appends it.
  t.deepEqual(names(EVENTS[3].params), ['fd', 'name', 'flags', 'mode', 'dev']);
  t.deepEqual(names(EVENTS_CURRENT[3].params), ['fd', 'name', 'flags', 'mode', 'dev', 'ino']);
  t.is(EVENTS_CURRENT[3].category, EC.FILE | EC.SYSCALL);
});

test('0.29.3 overrides: renamed params, other types, old names', (t) => {
  // mmap returned an address printed in hex, not an errno
  t.deepEqual(EVENTS[161].params[0], { name: 'res', type: PT.UINT64, fmt: PF.HEX });
  t.is(EVENTS_CURRENT[161].params[0].type, PT.ERRNO);
  // execve: pgid (later vpgid), loginuid as INT32
  t.is(EVENTS[293].params.length, 20);
  t.is(EVENTS[293].params[17].name, 'pgid');
  t.is(EVENTS_CURRENT[293].params[17].name, 'vpgid');
  t.is(EVENTS[293].params[18].type, PT.INT32);
  t.is(EVENTS[17].name, 'NA1');
  t.is(EVENTS_CURRENT[17].name, 'NA');
  t.is(EVENTS[196].name, 'sysdigevent');
  t.is(EVENTS[322].params[0].name, 'plugin ID');
  // socket domain was a plain flags parameter before ENUMFLAGS existed
  t.is(EVENTS[18].params[0].type, PT.FLAGS32);
  t.is(EVENTS_CURRENT[18].params[0].type, PT.ENUMFLAGS32);
  // events 0.29.3 never had still render, with 0.29.3 bit conventions
  t.is(EVENTS[PPME.SYSCALL_KEYCTL_X].name, 'keyctl');
  t.is(EVENTS[PPME.SYSCALL_KEYCTL_X].category & EC_EVENT_SOURCE_MASK, 0);
});

// The oracle: sysdig -L prints every event 0.29.3 knows (except unused, old and
// internal ones) with parameter types and names from its own table.
const SYSDIG = '/usr/bin/sysdig';
(existsSync(SYSDIG) ? test : test.skip)('EVENTS matches the event list of sysdig 0.29.3 (-L)', (t) => {
  const r = spawnSync(SYSDIG, ['-L'], { encoding: 'utf8' });
  t.is(r.status, 0);
  const typeName = new Map<number, string>(Object.entries(PT).map(([n, v]) => [v, n === 'DYN' ? 'DYNAMIC' : n]));
  const lines: string[] = [];
  for (let type = 0; type < SYSDIG029_EVENT_COUNT; type++) {
    const e = EVENTS[type]!;
    if ((e.flags & (EF.UNUSED | EF.OLD_VERSION)) !== 0 || (e.category & EC.INTERNAL) !== 0) continue;
    const params = e.params.map((p) => `${typeName.get(p.type)} ${p.name}`).join(', ');
    lines.push(`${type & 1 ? '<' : '>'} ${e.name}(${params})`);
  }
  t.deepEqual(lines, r.stdout.trimEnd().split('\n'));
});

test('openat takes its dirfd from parameter 1', (t) => {
  t.deepEqual(EVENTS[307].params[2], { name: 'name', type: PT.FSRELPATH, fmt: PF.NA, dirfd: 1 });
});

test('event names map to every event type carrying them', (t) => {
  t.deepEqual(EVENT_TYPES_BY_NAME['open'], [2, 3]);
  t.true(EVENT_TYPES_BY_NAME['execve'].includes(293));
});

test('flag tables keep reference order and 0.29.3 contents', (t) => {
  const fileFlags = FLAG_TABLES['file_flags'];
  t.deepEqual(fileFlags[0], { name: 'O_LARGEFILE', value: PPM.O_LARGEFILE });
  t.true(fileFlags.some((e) => e.name === 'O_CLOEXEC' && e.value === 4096));
  t.false(fileFlags.some((e) => e.name === 'O_F_CREATED'));
  t.true(FLAG_TABLES_CURRENT['file_flags'].some((e) => e.name === 'O_F_CREATED'));
  t.deepEqual(
    FLAG_TABLES['access_flags'].map((e) => e.name),
    ['F_OK', 'R_OK', 'W_OK', 'X_OK'],
  );
  // mount flags print without the MS_ prefix; NOUSER is bit 31 of a uint32
  t.is(FLAG_TABLES['mount_flags'].find((e) => e.name === 'NOUSER')?.value, 0x80000000);
});

test('dynamic parameter tables', (t) => {
  t.deepEqual(
    DYN_PARAM_TABLES['sockopt_dynamic_param'].map((p) => p.type),
    [PT.BYTEBUF, PT.ERRNO, PT.UINT32, PT.UINT64, PT.RELTIME],
  );
});

test('errno, signal and syscall-code names', (t) => {
  t.is(ERRNO_NAMES[2], 'ENOENT');
  t.is(ERRNO_NAMES[11], 'EAGAIN');
  t.is(ERRNO_NAMES[115], 'EINPROGRESS');
  t.is(SIGNAL_NAMES[9], 'SIGKILL');
  t.is(SYSCALL_CODE_NAMES.length, 329);
  t.is(SYSCALL_CODE_NAMES[0], '<unknown>');
  t.is(SYSCALL_CODE_NAMES[5], 'open');
  t.is(SYSCALL_CODE_NAMES[298], 'sigreturn');
  t.is(SYSCALL_CODE_NAMES_CURRENT[298], 'rt_sigreturn');
});

test('x86_64 syscall routing', (t) => {
  t.is(SYSCALL_NR_X86_64['openat'], 257);
  const open = SYSCALLS_X86_64[2];
  t.is(open.name, 'open');
  t.is(open.enter, PPME.SYSCALL_OPEN_E);
  t.is(open.exit, PPME.SYSCALL_OPEN_X);
  const dup2 = SYSCALLS_X86_64[33];
  t.is(dup2.enter, PPME.SYSCALL_DUP2_E);
  t.is(dup2.enter029, PPME.SYSCALL_DUP_E);
  const getpid = SYSCALLS_X86_64[39];
  t.is(getpid.enter, PPME.GENERIC_E);
  t.is(SYSCALL_CODE_NAMES[getpid.sc029], 'getpid');
});

test('the scap header declares the agreed C API', (t) => {
  const h = readFileSync(join(root, 'native/scap/generated/event_schema.h'), 'utf8');
  t.true(h.includes(`#define SCAP_EVENT_TYPE_COUNT ${EVENT_COUNT}\n`));
  t.true(h.includes('extern const struct scap_event_schema_entry scap_event_schema[SCAP_EVENT_TYPE_COUNT];'));
  t.regex(h, /struct scap_event_schema_entry \{\n\tconst char \*name;\n\tuint32_t category;\n\tuint32_t flags;\n\tuint32_t nparams;\n\tconst uint8_t \*param_types;/);
  t.true(h.includes('#define SCAP_PT_CHARBUF 9\n'));
});

test('the generated C compiles as userspace C', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'gen-schema-cc-'));
  try {
    const probe = join(dir, 'probe.c');
    writeFileSync(
      probe,
      [
        '#include "event_schema.h"',
        '#include "ppm_events_gen.h"',
        'int probe(void) {',
        '  return (int)scap_event_schema[2].nparams + ppm_syscall_table_x86_64[2].enter_event',
        '    + ppm_event_nparams[PPME_SYSCALL_OPEN_X] + ppm_event_nparams_sysdig029[PPME_SYSCALL_OPEN_X];',
        '}',
        '',
      ].join('\n'),
    );
    const r = spawnSync(
      'cc',
      [
        '-std=gnu11', '-Wall', '-Wextra', '-Werror', '-c',
        '-I', join(root, 'native/scap/generated'),
        '-I', join(root, 'native/driver/generated'),
        join(root, 'native/scap/generated/event_schema.c'),
        probe,
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    t.is(r.stderr, '');
    t.is(r.status, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
