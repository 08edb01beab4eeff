// A GNU getopt_long work-alike. sysdig parses its command line with glibc's getopt_long,
// and users rely on its exact behaviour: bundled short options (-qS), attached values
// (-s200, -pc), optional values that must be attached (-B<probe>), long options with
// `=value` or a separate value, unambiguous long-option prefixes (--sum), and permutation:
// non-option words may appear anywhere and are collected, in order, for the filter.

export interface LongOption {
  name: string;
  /** 0: no value, 1: required value, 2: optional value (only as --name=value) */
  hasArg: 0 | 1 | 2;
  /** the short option it stands for, or the long name itself when it has none */
  key: string;
}

export interface ParsedOption {
  key: string;
  value: string | undefined;
  /** index in argv just after this option and its value: where option-specific lookahead starts */
  next: number;
}

export class GetoptError extends Error {}

export interface GetoptResult {
  options: ParsedOption[];
  /** non-option words, in order (the filter, and chisel arguments) */
  operands: string[];
}

/**
 * Parse argv (without the program name). `shortSpec` is a getopt optstring: a letter
 * followed by ':' takes a value, by '::' an optional attached value.
 * `onOption` runs as each option is seen, so that an option may look at the words that
 * follow it (sysdig's -c does, to decide how many operands are chisel arguments rather
 * than filter words).
 */
export function getoptLong(
  argv: string[],
  shortSpec: string,
  longs: LongOption[],
  onOption?: (opt: ParsedOption, argv: string[]) => void,
): GetoptResult {
  const shorts = parseShortSpec(shortSpec);
  const options: ParsedOption[] = [];
  const operands: string[] = [];
  let i = 0;
  const emit = (key: string, value: string | undefined, next: number): void => {
    const opt = { key, value, next };
    options.push(opt);
    onOption?.(opt, argv);
  };
  while (i < argv.length) {
    const word = argv[i]!;
    if (word === '--') {
      operands.push(...argv.slice(i + 1));
      break;
    }
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const name = eq >= 0 ? word.slice(2, eq) : word.slice(2);
      const opt = findLong(longs, name);
      let value: string | undefined;
      i++;
      if (opt.hasArg === 0) {
        if (eq >= 0) throw new GetoptError(`option '--${opt.name}' doesn't allow an argument`);
      } else if (eq >= 0) {
        value = word.slice(eq + 1);
      } else if (opt.hasArg === 1) {
        if (i >= argv.length) throw new GetoptError(`option '--${opt.name}' requires an argument`);
        value = argv[i++]!;
      }
      emit(opt.key, value, i);
      continue;
    }
    if (word.length > 1 && word.startsWith('-')) {
      i++;
      for (let p = 1; p < word.length; p++) {
        const letter = word[p]!;
        const mode = shorts.get(letter);
        if (mode === undefined) throw new GetoptError(`invalid option -- '${letter}'`);
        if (mode === 0) {
          emit(letter, undefined, i);
          continue;
        }
        const rest = word.slice(p + 1);
        if (rest.length > 0) {
          emit(letter, rest, i);
        } else if (mode === 1) {
          if (i >= argv.length) throw new GetoptError(`option requires an argument -- '${letter}'`);
          emit(letter, argv[i++]!, i);
        } else {
          emit(letter, undefined, i);
        }
        break;
      }
      continue;
    }
    operands.push(word);
    i++;
  }
  return { options, operands };
}

function parseShortSpec(spec: string): Map<string, 0 | 1 | 2> {
  const m = new Map<string, 0 | 1 | 2>();
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i]!;
    if (spec[i + 1] === ':' && spec[i + 2] === ':') {
      m.set(c, 2);
      i += 2;
    } else if (spec[i + 1] === ':') {
      m.set(c, 1);
      i += 1;
    } else {
      m.set(c, 0);
    }
  }
  return m;
}

function findLong(longs: LongOption[], name: string): LongOption {
  const exact = longs.find((l) => l.name === name);
  if (exact) return exact;
  const prefixed = longs.filter((l) => l.name.startsWith(name));
  if (prefixed.length === 1 && name.length > 0) return prefixed[0]!;
  if (prefixed.length > 1) throw new GetoptError(`option '--${name}' is ambiguous`);
  throw new GetoptError(`unrecognized option '--${name}'`);
}
