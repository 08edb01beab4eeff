// Chisel arguments: their descriptions (the chisel's `args` table), sysdig's splitting of
// the argument string, and the count checks.
import { ChiselError } from './errors.js';

export interface ChiselArgDesc {
  name: string;
  /** 'string', 'int', 'filter', ... as the chisel declares it */
  argtype: string;
  description: string;
  optional: boolean;
}

/**
 * Split one argument string as sysdig does: on spaces, except inside '...' or `...`
 * (the quotes are dropped). An unterminated quote is an error.
 */
export function splitChiselArgs(text: string, chiselName: string): string[] {
  const s = text.trim();
  if (s === '') return [];
  const out: string[] = [];
  let begin = 0;
  let inQuotes = false;
  let quoteCorrection = 0;
  let j = 0;
  for (; j < s.length; j++) {
    const c = s[j];
    if (c === ' ' && !inQuotes) {
      out.push(s.slice(begin, j - quoteCorrection));
      begin = j + 1;
      quoteCorrection = 0;
    } else if (c === "'" || c === '`') {
      if (inQuotes) {
        quoteCorrection = 1;
        inQuotes = false;
      } else {
        begin++;
        inQuotes = true;
      }
    }
  }
  if (inQuotes) throw new ChiselError(`corrupted parameters for chisel ${chiselName}`);
  out.push(s.slice(begin, j - quoteCorrection));
  return out;
}

/** Check a number of given values against the declared arguments (sysdig's messages). */
export function checkArgCount(descs: ChiselArgDesc[], given: number, chiselName: string): void {
  const required = descs.filter((d) => !d.optional).length;
  const optional = descs.length - required;
  if (given < required) {
    throw new ChiselError(
      `wrong number of parameters for chisel ${chiselName}, ${required} required, ${given} given`,
    );
  }
  if (given > required + optional) {
    throw new ChiselError(
      `too many parameters for chisel ${chiselName}, ${required} required, ${optional} optional, ${given} given`,
    );
  }
}

/** Re-join values into one argument string, quoting those with spaces (for chisel.exec). */
export function joinChiselArgs(values: string[]): string {
  return values.map((v) => (v.includes(' ') ? `'${v}'` : v)).join(' ');
}

/**
 * How many command-line tokens after `-c NAME` belong to the chisel (sysdig's rule):
 * none when it takes no arguments; the next token when it has a required argument; with
 * only optional arguments, the next token unless there is none, it starts with '-', or the
 * rest of the command line is a valid filter (a lone 'filter' argument always takes it).
 */
export function chiselArgTokens(
  descs: ChiselArgDesc[],
  rest: string[],
  isValidFilter: (text: string) => boolean,
): 0 | 1 {
  if (descs.length === 0 || rest.length === 0) return 0;
  const required = descs.filter((d) => !d.optional).length;
  if (required > 0) return 1;
  const next = rest[0]!;
  if (next.startsWith('-')) return 0;
  if (descs.length === 1 && descs[0]!.argtype === 'filter') return 1;
  return isValidFilter(rest.join(' ')) ? 0 : 1;
}
