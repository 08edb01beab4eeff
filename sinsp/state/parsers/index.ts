// The parser of each event type (undefined: the event changes no state beyond what
// the engine's reset does). One module per syscall family.
import type { Event } from '../../event/event.js';
import { EVENT_COUNT } from '../../generated/schema.js';
import type { StateEngine } from '../engine.js';
import { registerClose } from './close.js';
import { registerCreds } from './creds.js';
import { registerCwd } from './cwd.js';
import { registerDup } from './dup.js';
import { registerFiles } from './files.js';
import { registerLimits } from './limits.js';
import { registerMemory } from './memory.js';
import { registerMeta } from './meta.js';
import { registerProcess } from './process.js';
import { registerReadWrite } from './rw.js';
import { registerSimpleFds } from './simple-fds.js';
import { registerSockets } from './sockets.js';
import { registerStored } from './stored.js';

export type Parser = (e: StateEngine, ev: Event) => void;
export type ParserTable = Array<Parser | undefined>;

function build(): ParserTable {
  const table: ParserTable = new Array<Parser | undefined>(EVENT_COUNT).fill(undefined);
  registerStored(table);
  registerProcess(table);
  registerFiles(table);
  registerSockets(table);
  registerReadWrite(table);
  registerClose(table);
  registerDup(table);
  registerSimpleFds(table);
  registerCwd(table);
  registerCreds(table);
  registerLimits(table);
  registerMemory(table);
  registerMeta(table);
  return table;
}

export const PARSERS: ParserTable = build();
