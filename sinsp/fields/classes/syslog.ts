// syslog.*: a message written to /dev/log, decoded from the write's data ("<PRI>message").
import type { Event } from '../../event/event.js';
import { paramS } from '../../event/params.js';
import { EF, EVENTS, PF, PT } from '../../generated/schema.js';
import { FieldError, type Extractor, type FieldClass, type FieldContext, type FieldInfo } from '../types.js';
import { FieldExtractor } from './extractor.js';

const fields: FieldInfo[] = [
  { name: 'syslog.facility.str', type: PT.CHARBUF, fmt: PF.NA, desc: 'facility of the message, by name (kern, user, mail, daemon...).' },
  { name: 'syslog.facility', type: PT.UINT32, fmt: PF.DEC, desc: 'facility of the message, as a number (0-23).' },
  { name: 'syslog.severity.str', type: PT.CHARBUF, fmt: PF.NA, desc: 'severity of the message, by name: emerg, alert, crit, err, warn, notice, info or debug.' },
  { name: 'syslog.severity', type: PT.UINT32, fmt: PF.DEC, desc: 'severity of the message, as a number (0-7).' },
  { name: 'syslog.message', type: PT.CHARBUF, fmt: PF.NA, desc: 'text of the message.' },
];

const SEVERITIES = ['emerg', 'alert', 'crit', 'err', 'warn', 'notice', 'info', 'debug'];
const FACILITIES = [
  'kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'clock', 'authpriv', 'ftp',
  'ntp', 'logaudit', 'logalert', 'cron', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5',
  'local6', 'local7',
];

export interface SyslogMessage {
  priority: number;
  facility: number;
  severity: number;
  message: string;
}

/**
 * libsinsp's syslog decoder: the digits after the first byte up to '>' (at most 15) are
 * the priority; the message starts after the '>'.
 */
export function decodeSyslog(data: Uint8Array): SyslogMessage | undefined {
  let j = 0;
  let p = 1;
  while (p < data.length && data[p] !== 0x3e && data[p] !== 0 && j < 15) {
    p++;
    j++;
  }
  if (data.length < j + 2 || j === 0) return undefined;
  let priority = 0;
  for (let k = 1; k <= j; k++) {
    const c = data[k]!;
    if (c < 0x30 || c > 0x39) return undefined;
    priority = (priority * 10 + (c - 0x30)) | 0;
  }
  const message = Buffer.from(data.buffer, data.byteOffset + j + 2, data.length - j - 2).toString('utf8');
  return { priority, facility: priority >>> 3, severity: priority & 7, message };
}

/**
 * The message of a successful write to an fd whose name mentions /dev/log (libsinsp
 * decodes the data its parser sees for such fds, on the exit of the write).
 */
function messageOf(ev: Event): SyslogMessage | undefined {
  const info = EVENTS[ev.type];
  if (!info || ev.isEnter) return undefined;
  if (!(info.flags & EF.WRITES_TO_FD) || info.flags & EF.READS_FROM_FD) return undefined;
  const fd = ev.fd;
  if (!fd || !fd.name.includes('/dev/log')) return undefined;
  if ((paramS(ev, 0) ?? -1) < 0) return undefined;
  const data = ev.param(1);
  return data ? decodeSyslog(data) : undefined;
}

function bind(f: FieldInfo, arg: string | undefined, _ctx: FieldContext): Extractor {
  if (arg !== undefined) throw new FieldError(`unrecognized field ${f.name}[${arg}]`);
  switch (f.name) {
    case 'syslog.facility.str':
      return new FieldExtractor(f, arg, (ev) => {
        const m = messageOf(ev);
        return m ? FACILITIES[m.facility] ?? '<NA>' : undefined;
      });
    case 'syslog.facility':
      return new FieldExtractor(f, arg, (ev) => messageOf(ev)?.facility);
    case 'syslog.severity.str':
      return new FieldExtractor(f, arg, (ev) => {
        const m = messageOf(ev);
        return m ? SEVERITIES[m.severity] : undefined;
      });
    case 'syslog.severity':
      return new FieldExtractor(f, arg, (ev) => messageOf(ev)?.severity);
    case 'syslog.message':
      return new FieldExtractor(f, arg, (ev) => messageOf(ev)?.message);
  }
  throw new FieldError(`unrecognized field ${f.name}`);
}

export const syslogFields: FieldClass = {
  name: 'syslog',
  shortDesc: '',
  desc: 'Messages sent to the system log through /dev/log.',
  fields,
  bind,
};
