// Walking a process's ancestors as libsinsp does (traverse_parent_state): parent by
// parent through the thread table, stopping at a missing parent, at a tid of -1, or when
// the chain loops back on itself.
import type { ThreadInfo } from '../../state/thread.js';

/**
 * Visit the ancestors of `t` (not `t` itself), nearest first, until `visit` returns false.
 * A loop is detected the way libsinsp detects it: a pointer moving two steps at a time
 * meets the one moving one step, or a thread is its own parent.
 */
export function visitAncestors(t: ThreadInfo, visit: (p: ThreadInfo) => boolean): void {
  let slow = t.getParent();
  let fast = slow ? slow.getParent() : slow;
  while (slow && slow.tid !== -1) {
    if (!visit(slow)) return;
    slow = slow.getParent();
    for (let i = 0; i < 2; i++) {
      fast = fast ? fast.getParent() : fast;
      if (slow && (slow === fast || slow.tid === slow.ptid)) return;
    }
  }
}

/** the main thread of t's process, or undefined when libsinsp would not find it */
export function mainThread(t: ThreadInfo): ThreadInfo | undefined {
  return t.isMainThread ? t : t.getMainThread();
}

/** proc.name + each argument, space separated (libsinsp's populate_cmdline) */
export function commandLine(t: ThreadInfo): string {
  let s = t.comm;
  for (const a of t.args) s += ' ' + a;
  return s;
}
