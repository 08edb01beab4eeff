// Events about the machine rather than a syscall: container descriptions, and the
// newer user/group added/deleted events.
import type { Event } from '../../event/event.js';
import { PPME } from '../../generated/schema.js';
import { addContainer, containerEventThread, containerFromJson } from '../containers.js';
import type { StateEngine } from '../engine.js';
import { ContainerLookup, newContainerInfo } from '../state.js';
import { readStr, readU } from './read.js';
import type { ParserTable } from './index.js';

function parseContainerJson(e: StateEngine, ev: Event): void {
  const raw = ev.param(0);
  const json = raw ? raw.toString('utf8', 0, raw.length && raw[raw.length - 1] === 0 ? raw.length - 1 : raw.length) : '';
  const c = containerFromJson(json);
  if (c.lookupState !== ContainerLookup.SUCCESSFUL) e.state.evt.filteredOut = true;
  ev.thread = containerEventThread(c);
  addContainer(e.state, c);
}

/** the old container event: id, type, name, image */
function parseContainerOld(e: StateEngine, ev: Event): void {
  const c = newContainerInfo(readStr(ev, 0), readU(ev, 1));
  c.name = readStr(ev, 2);
  c.image = readStr(ev, 3);
  addContainer(e.state, c);
}

function parseUserEvent(e: StateEngine, ev: Event): void {
  // host users only: per-container user tables are not kept
  if (readStr(ev, 5) !== '') return;
  const uid = readU(ev, 0) >>> 0;
  if (ev.type === PPME.USER_ADDED_E) {
    e.state.users.set(uid, { uid, gid: readU(ev, 1) >>> 0, name: readStr(ev, 2), homedir: readStr(ev, 3), shell: readStr(ev, 4) });
  } else {
    e.state.users.delete(uid);
  }
}

function parseGroupEvent(e: StateEngine, ev: Event): void {
  if (readStr(ev, 2) !== '') return;
  const gid = readU(ev, 0) >>> 0;
  if (ev.type === PPME.GROUP_ADDED_E) e.state.groups.set(gid, { gid, name: readStr(ev, 1) });
  else e.state.groups.delete(gid);
}

export function registerMeta(table: ParserTable): void {
  table[PPME.CONTAINER_JSON_E] = parseContainerJson;
  table[PPME.CONTAINER_JSON_2_E] = parseContainerJson;
  table[PPME.CONTAINER_E] = parseContainerOld;
  table[PPME.USER_ADDED_E] = parseUserEvent;
  table[PPME.USER_DELETED_E] = parseUserEvent;
  table[PPME.GROUP_ADDED_E] = parseGroupEvent;
  table[PPME.GROUP_DELETED_E] = parseGroupEvent;
}
