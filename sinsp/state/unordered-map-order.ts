// The order in which a libstdc++ std::unordered_map<int64_t, T> walks its elements, worked
// out from the inserts and erases it has seen. libsinsp (e5c53d64, built with GCC 12) keeps
// its thread table and every fd table in such maps, and sysdig hands chisels their contents
// in that order, so sinspect needs the same order to list them the same way.
//
// What libstdc++ does (std::hash<int64_t> is the identity, max load factor 1):
// - the elements form one singly linked list, each bucket's elements next to each other;
// - an insert into a non-empty bucket goes first in that bucket, one into an empty bucket
//   goes first in the whole list;
// - before an insert that would make size > bucket count, the bucket count grows (1, then
//   13, then the next prime of its table at least twice as large) and the list is rebuilt
//   by walking the old one and inserting each element again by the same rule;
// - an erase unlinks the element and nothing else (buckets never shrink);
// - a copy (copy assignment, as libsinsp's fd table copy on fork) keeps the order, bucket
//   count and growth threshold.
//
// Recording an operation costs an array push; the log is applied only when the order is
// asked for, or when it gets long compared to the map (so memory stays proportional).

/**
 * Bucket counts the map goes through: 1 at construction, then 13 on the first insert, then
 * for each growth the smallest prime of libstdc++'s __prime_list that is at least twice the
 * current count (read from Debian 12's libstdc++.so.6).
 */
const BUCKET_COUNTS = [
  1, 13, 29, 59, 127, 257, 541, 1109, 2357, 5087, 10273, 20753, 42043, 85229, 172933, 351061, 712697,
  1447153, 2938679, 5967347, 12117689, 24607243, 49969847, 101473717, 206062531, 418451333, 849749479,
  1725587117, 3504151727,
];

/** the map's hash of a key: the key as int64 (a bigint when it is not a safe integer) */
export type KeyHash = (key: number) => number | bigint;

const identity: KeyHash = (key) => key;

const INSERT = 1;
const ERASE = 0;
/** apply the log once it holds this many operations more than the map holds elements */
const LOG_SLACK = 32;

export class UnorderedMapOrder {
  /** the elements in iteration order, as of the last applied operation */
  private order: number[] = [];
  private bucketCount = 1;
  /** libstdc++'s _M_next_resize: the size above which the next insert grows the buckets */
  private nextResize = 0;
  /** operations not applied yet: key, then INSERT or ERASE */
  private log: number[] = [];
  private readonly hash: KeyHash;

  /** `hash` maps a key to the int64 the real map holds (for sentinels kept as other numbers) */
  constructor(hash: KeyHash = identity) {
    this.hash = hash;
  }

  /** the map inserted `key` (an insert of a key already there changes nothing) */
  inserted(key: number): void {
    const log = this.log;
    log.push(key, INSERT);
    if (log.length > 2 * (this.order.length + LOG_SLACK)) this.apply();
  }

  /** the map erased `key` (erasing an absent key changes nothing) */
  erased(key: number): void {
    const log = this.log;
    log.push(key, ERASE);
    if (log.length > 2 * (this.order.length + LOG_SLACK)) this.apply();
  }

  /** the keys in the order the map iterates them */
  keys(): number[] {
    this.apply();
    return this.order.slice();
  }

  /** the number of buckets (bucket_count()) */
  buckets(): number {
    this.apply();
    return this.bucketCount;
  }

  /** the order of a copy of the map (copies keep order and bucket count) */
  clone(): UnorderedMapOrder {
    const c = new UnorderedMapOrder(this.hash);
    c.order = this.order.slice();
    c.bucketCount = this.bucketCount;
    c.nextResize = this.nextResize;
    c.log = this.log.slice();
    return c;
  }

  private bucketOf(key: number, n: number): number {
    const h = this.hash(key);
    if (typeof h === 'number' && h >= 0 && h <= Number.MAX_SAFE_INTEGER) return h % n;
    // size_t arithmetic on the int64 (negative keys wrap around)
    return Number(BigInt.asUintN(64, BigInt(h)) % BigInt(n));
  }

  /**
   * Replay the log. The list is held as its buckets' runs: `runs` maps a bucket to its
   * elements, and both the map and each run are kept in reverse list order, so that
   * "first in the list" and "first in the bucket" are appends.
   */
  private apply(): void {
    const log = this.log;
    if (log.length === 0) return;
    let n = this.bucketCount;
    let runs = this.runsOf(this.order, n);
    let size = this.order.length;
    for (let i = 0; i < log.length; i += 2) {
      const key = log[i]!;
      let b = this.bucketOf(key, n);
      let run = runs.get(b);
      const at = run === undefined ? -1 : run.indexOf(key);
      if (log[i + 1] === ERASE) {
        if (at < 0) continue;
        run!.splice(at, 1);
        if (run!.length === 0) runs.delete(b);
        size--;
        continue;
      }
      if (at >= 0) continue;
      const grown = this.grownBucketCount(n, size);
      if (grown !== n) {
        runs = this.rehashed(flatten(runs), grown);
        n = grown;
        b = this.bucketOf(key, n);
        run = runs.get(b);
      }
      if (run === undefined) runs.set(b, [key]);
      else run.push(key);
      size++;
    }
    log.length = 0;
    this.bucketCount = n;
    this.order = flatten(runs);
  }

  /** the runs of a list whose buckets are contiguous (walked from its end: runs are reversed) */
  private runsOf(order: number[], n: number): Map<number, number[]> {
    const runs = new Map<number, number[]>();
    for (let i = order.length - 1; i >= 0; i--) this.add(runs, order[i]!, n);
    return runs;
  }

  /** the runs of a list rebuilt over n buckets: each element, in list order, inserted again */
  private rehashed(order: number[], n: number): Map<number, number[]> {
    const runs = new Map<number, number[]>();
    for (const key of order) this.add(runs, key, n);
    return runs;
  }

  private add(runs: Map<number, number[]>, key: number, n: number): void {
    const b = this.bucketOf(key, n);
    const run = runs.get(b);
    if (run === undefined) runs.set(b, [key]);
    else run.push(key);
  }

  /** _Prime_rehash_policy::_M_need_rehash for one insert into a map of `size` elements */
  private grownBucketCount(n: number, size: number): number {
    if (size + 1 <= this.nextResize) return n;
    // nothing allocated yet: libstdc++ starts at (the prime after) 11 buckets
    const minBuckets = Math.max(size + 1, this.nextResize === 0 ? 11 : 0);
    if (minBuckets < n) {
      this.nextResize = n;
      return n;
    }
    const want = Math.max(minBuckets + 1, n * 2);
    let next = BUCKET_COUNTS[BUCKET_COUNTS.length - 1]!;
    for (const c of BUCKET_COUNTS) {
      if (c >= want) {
        next = c;
        break;
      }
    }
    this.nextResize = next;
    return next;
  }
}

/** list order back from the reversed runs */
function flatten(runs: Map<number, number[]>): number[] {
  const out: number[] = [];
  const all = [...runs.values()];
  for (let r = all.length - 1; r >= 0; r--) {
    const run = all[r]!;
    for (let i = run.length - 1; i >= 0; i--) out.push(run[i]!);
  }
  return out;
}

/**
 * The entries of `map` in the emulated order. Keys the log never saw (a map filled behind
 * its back) follow, in the map's own order, so that nothing is ever left out.
 */
/** what entriesInOrder needs of a table: lookup, size and its own iteration */
export interface KeyedTable<V> {
  get(key: number): V | undefined;
  readonly size: number;
  [Symbol.iterator](): Iterator<[number, V]>;
}

export function entriesInOrder<V>(map: KeyedTable<V>, order: UnorderedMapOrder | undefined): Array<[number, V]> {
  if (order === undefined) return [...map];
  const out: Array<[number, V]> = [];
  for (const k of order.keys()) {
    const v = map.get(k);
    if (v !== undefined) out.push([k, v]);
  }
  if (out.length !== map.size) {
    const seen = new Set(out.map(([k]) => k));
    for (const e of map) if (!seen.has(e[0])) out.push(e);
  }
  return out;
}

/**
 * Whether new tables track their libsinsp order. Only the chisel API lists tables in that
 * order, and the tracking costs several percent of a filtered read, so the CLI turns it
 * off for runs without chisels (before any table exists). On by default.
 */
let tracking = true;

export function setTableOrderTracking(on: boolean): void {
  tracking = on;
}

/** a tracker for a new table, or undefined while tracking is off (entriesInOrder then gives map order) */
export function orderTracker(hash?: KeyHash): UnorderedMapOrder | undefined {
  return tracking ? new UnorderedMapOrder(hash) : undefined;
}
