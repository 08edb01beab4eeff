// Enter events whose parameters the exit needs: libsinsp keeps a copy of them per
// thread (store_event) and nothing else happens on the enter.
import type { Event } from '../../event/event.js';
import { PPME } from '../../generated/schema.js';
import type { StateEngine } from '../engine.js';
import type { ParserTable } from './index.js';

function store(e: StateEngine, ev: Event): void {
  e.storeEvent(ev);
}

export function registerStored(table: ParserTable): void {
  for (const type of [
    PPME.SYSCALL_OPEN_E,
    PPME.SYSCALL_CREAT_E,
    PPME.SYSCALL_OPENAT_E,
    PPME.SYSCALL_OPENAT_2_E,
    PPME.SYSCALL_OPENAT2_E,
    PPME.SOCKET_SOCKET_E,
    PPME.SYSCALL_EVENTFD_E,
    PPME.SYSCALL_CHDIR_E,
    PPME.SYSCALL_FCHDIR_E,
    PPME.SOCKET_SHUTDOWN_E,
    PPME.SYSCALL_GETRLIMIT_E,
    PPME.SYSCALL_SETRLIMIT_E,
    PPME.SYSCALL_PRLIMIT_E,
    PPME.SOCKET_SENDMSG_E,
    PPME.SYSCALL_SENDFILE_E,
    PPME.SYSCALL_SETRESUID_E,
    PPME.SYSCALL_SETRESGID_E,
    PPME.SYSCALL_SETUID_E,
    PPME.SYSCALL_SETGID_E,
    PPME.SYSCALL_EXECVE_18_E,
    PPME.SYSCALL_EXECVE_19_E,
    PPME.SYSCALL_EXECVEAT_E,
    PPME.SYSCALL_SETPGID_E,
  ]) {
    table[type] = store;
  }
}
