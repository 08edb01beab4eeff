// The strftime(3) conversions that make sense in rotated capture file names (-G with a
// time format in the -w name), in local time as sysdig uses them.
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function strftime(format: string, d: Date): string {
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== '%' || i + 1 >= format.length) {
      out += c;
      continue;
    }
    const k = format[++i]!;
    switch (k) {
      case 'Y': out += String(d.getFullYear()); break;
      case 'y': out += pad(d.getFullYear() % 100); break;
      case 'm': out += pad(d.getMonth() + 1); break;
      case 'd': out += pad(d.getDate()); break;
      case 'e': out += String(d.getDate()).padStart(2, ' '); break;
      case 'H': out += pad(d.getHours()); break;
      case 'I': out += pad(((d.getHours() + 11) % 12) + 1); break;
      case 'M': out += pad(d.getMinutes()); break;
      case 'S': out += pad(d.getSeconds()); break;
      case 'p': out += d.getHours() < 12 ? 'AM' : 'PM'; break;
      case 'j': {
        const start = new Date(d.getFullYear(), 0, 1);
        out += pad(Math.floor((d.getTime() - start.getTime()) / 86400000) + 1, 3);
        break;
      }
      case 'a': out += DAYS[d.getDay()]!.slice(0, 3); break;
      case 'A': out += DAYS[d.getDay()]!; break;
      case 'b': case 'h': out += MONTHS[d.getMonth()]!.slice(0, 3); break;
      case 'B': out += MONTHS[d.getMonth()]!; break;
      case 's': out += String(Math.floor(d.getTime() / 1000)); break;
      case 'F': out += `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`; break;
      case 'T': out += `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`; break;
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case '%': out += '%'; break;
      default: out += '%' + k;
    }
  }
  return out;
}
