// evt.args and evt.info: every parameter of the event as name=value, with the
// resolved text in parentheses when there is one, each followed by a space:
//   fd=3(<f>/etc/hosts) size=4096
// Events print as many parameters as both the trace and sysdig 0.29.3's table have
// for their type; generic events (syscalls without a dedicated event) print none.
// The per-type list of renderers is built once, on the first event of each type.
import type { Event } from '../event/event.js';
import { EVENTS, PPME, SYSDIG029_EVENT_COUNT } from '../generated/schema.js';
import { noteRendered, paramRenderer, type ParamOut, type ParamRenderer, type RenderContext } from './param.js';

interface EventPlan {
  readonly names: readonly string[];
  readonly prefixes: readonly string[];
  readonly renderers: readonly ParamRenderer[];
  /** generic syscall events: evt.args is always empty */
  readonly generic: boolean;
}

const EMPTY_PLAN: EventPlan = { names: [], prefixes: [], renderers: [], generic: false };
const plans: Array<EventPlan | undefined> = [];

function buildPlan(type: number): EventPlan {
  const info = EVENTS[type];
  if (!info) return EMPTY_PLAN;
  const modern = type >= SYSDIG029_EVENT_COUNT;
  return {
    names: info.params.map((p) => p.name),
    prefixes: info.params.map((p) => p.name + '='),
    renderers: info.params.map((p) => paramRenderer(p, modern)),
    generic: type === PPME.GENERIC_E || type === PPME.GENERIC_X,
  };
}

function planFor(type: number): EventPlan {
  let plan = plans[type];
  if (plan === undefined) {
    plan = buildPlan(type);
    plans[type] = plan;
  }
  return plan;
}

/** The number of parameters of `ev` sysdig looks at: what both the trace and the table have. */
export function paramCount(ev: Event): number {
  const n = planFor(ev.type).names.length;
  return ev.nparams < n ? ev.nparams : n;
}

/** The name of parameter i of `ev` in sysdig 0.29.3's table. */
export function paramName(ev: Event, i: number): string | undefined {
  return planFor(ev.type).names[i];
}

/** The index of the first parameter of `ev` named `name`, or -1. */
export function paramIndex(ev: Event, name: string): number {
  const names = planFor(ev.type).names;
  const n = paramCount(ev);
  for (let i = 0; i < n; i++) if (names[i] === name) return i;
  return -1;
}

const scratchOut: ParamOut = { value: '', resolved: '' };

/**
 * Renders parameter i of `ev` into `out` (value and resolved text). Returns false,
 * leaving `out` alone, when the event has no such parameter.
 */
export function renderParam(ev: Event, i: number, ctx: RenderContext, out: ParamOut = scratchOut): boolean {
  if (i < 0 || i >= paramCount(ev)) return false;
  planFor(ev.type).renderers[i]!(ev, ev.paramOffset(i), ev.paramLength(i), ctx, out);
  noteRendered(out.value);
  return true;
}

/** evt.args: all parameters as "name=value " / "name=value(resolved) ". */
export function renderArgs(ev: Event, ctx: RenderContext): string {
  const plan = planFor(ev.type);
  if (plan.generic) return '';
  const count = plan.names.length;
  const n = ev.nparams < count ? ev.nparams : count;
  const out = scratchOut;
  let text = '';
  for (let j = 0; j < n; j++) {
    plan.renderers[j]!(ev, ev.paramOffset(j), ev.paramLength(j), ctx, out);
    noteRendered(out.value);
    text += out.resolved === '' ? plan.prefixes[j]! + out.value + ' ' : plan.prefixes[j]! + out.value + '(' + out.resolved + ') ';
  }
  return text;
}

/**
 * evt.info: the same as evt.args. (sysdig replaces it with a protocol decoder's summary
 * only for writes to /dev/log while syslog.* fields are in use.)
 */
export function renderInfo(ev: Event, ctx: RenderContext): string {
  return renderArgs(ev, ctx);
}
