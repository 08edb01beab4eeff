// The order in which LuaJIT 2.1 (sysdig 0.29.3 runs chisels in Debian 12's 2.1.0~beta3
// +git20220320, x64) walks a table with pairs()/next(), for a table that started empty
// (lua_newtable) and received integer keys (lua_rawseti) in a known order, never deleting
// one. sysdig builds get_thread_table's tables that way; Fengari walks tables in insertion
// order, so inserting the keys in the order computed here makes pairs() agree with sysdig.
//
// The emulated layout (lj_tab.c): an array part holding keys 0..asize-1, then a hash part
// of 2^k nodes. pairs() visits the array slots in index order, then the nodes in node
// order. A key goes to its main node (hash of the double's bits) if that node is free;
// otherwise a free node is taken from a pointer that only moves down from the top, and
// whichever of the two keys is not in its own main node goes there (Brent's variation).
// With no free node left the table is resized: the array part gets the largest power of
// two (+1) that is more than half full, the hash part the rest, and every key is put back
// (array leftovers first, then the old nodes in node order).

/** LJ_MAX_ABITS and LJ_MAX_ASIZE (lj_def.h) */
const MAX_ABITS = 28;
const MAX_ASIZE = (1 << (MAX_ABITS - 1)) + 1;
/** "no next node" */
const NONE = -1;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = LITTLE_ENDIAN ? 1 : 0;

function rol(x: number, n: number): number {
  return ((x << n) | (x >>> (32 - n))) >>> 0;
}

/** hashnum + hashrot (x86/x64 variant): the hash of a number key, from its double's bits */
function hashNumber(key: number): number {
  f64[0] = key;
  let lo = u32[LO]!;
  let hi = (u32[HI]! << 1) >>> 0;
  lo = (lo ^ hi) >>> 0;
  hi = rol(hi, 14);
  lo = (lo - hi) >>> 0;
  hi = rol(hi, 5);
  hi = (hi ^ lo) >>> 0;
  hi = (hi - rol(lo, 13)) >>> 0;
  return hi;
}

/** lj_fls: index of the highest set bit */
function fls(x: number): number {
  return 31 - Math.clz32(x);
}

/** hsize2hbits: hash bits for s entries */
function hashBits(s: number): number {
  if (s === 0) return 0;
  return s === 1 ? 1 : 1 + fls(s - 1);
}

/** countint: tally a key that could live in the array part in bins[] */
function countInt(key: number, bins: number[]): number {
  if (key >>> 0 >= MAX_ASIZE) return 0;
  bins[key > 2 ? fls(key - 1) : 0]!++;
  return 1;
}

class Table {
  /** array part: slots 0..asize-1, set or not */
  array: Uint8Array = new Uint8Array(0);
  /** hash part (empty: LuaJIT's shared nil node, hmask 0) */
  hmask = 0;
  nodeKey: Float64Array = new Float64Array(0);
  nodeUsed: Uint8Array = new Uint8Array(0);
  nodeNext: Int32Array = new Int32Array(0);
  /** free nodes are searched for below this index */
  freeTop = 0;

  get asize(): number {
    return this.array.length;
  }

  private mainNode(key: number): number {
    return hashNumber(key) & this.hmask;
  }

  /** lj_tab_setint (lua_rawseti) */
  set(key: number): void {
    if (key >>> 0 < this.asize) {
      this.array[key] = 1;
      return;
    }
    this.setHash(key);
  }

  /** lj_tab_setinth: the key's node, a new one if absent */
  private setHash(key: number): void {
    if (this.nodeKey.length !== 0) {
      for (let n = this.mainNode(key); n !== NONE; n = this.nodeNext[n]!) {
        if (this.nodeUsed[n] && this.nodeKey[n] === key) return;
      }
    }
    this.newKey(key);
  }

  /**
   * lj_tab_newkey. LuaJIT then also re-chains "resurrected" keys (deleted ones that were
   * put back); a table that only ever gained keys has none, since each chain then only
   * holds keys whose main node is the chain's head, so that part is not needed here.
   */
  private newKey(key: number): void {
    let n = this.nodeKey.length === 0 ? 0 : this.mainNode(key);
    if (this.nodeKey.length === 0 || this.nodeUsed[n]) {
      let free = this.freeTop;
      do {
        if (free === 0) {
          this.rehash(key);
          this.set(key);
          return;
        }
        free--;
      } while (this.nodeUsed[free]);
      this.freeTop = free;
      const collide = this.mainNode(this.nodeKey[n]!);
      if (collide !== n) {
        // the occupant is not in its main node: move it to the free node, take its place
        let prev = collide;
        while (this.nodeNext[prev] !== n) prev = this.nodeNext[prev]!;
        this.nodeNext[prev] = free;
        this.nodeKey[free] = this.nodeKey[n]!;
        this.nodeUsed[free] = 1;
        this.nodeNext[free] = this.nodeNext[n]!;
        this.nodeNext[n] = NONE;
      } else {
        // the occupant is at home: the new key goes to the free node, chained after it
        this.nodeNext[free] = this.nodeNext[n]!;
        this.nodeNext[n] = free;
        n = free;
      }
    }
    this.nodeKey[n] = key;
    this.nodeUsed[n] = 1;
  }

  /** rehashtab: size both parts for the keys present plus `extra`, then resize */
  private rehash(extra: number): void {
    const bins: number[] = new Array<number>(MAX_ABITS).fill(0);
    let inArray = this.countArray(bins);
    let total = 1 + inArray;
    for (let i = 0; i < this.nodeKey.length; i++) {
      if (!this.nodeUsed[i]) continue;
      inArray += countInt(this.nodeKey[i]!, bins);
      total++;
    }
    inArray += countInt(extra, bins);
    const [asize, na] = bestArraySize(bins, inArray);
    this.resize(asize, hashBits(total - na));
  }

  /** countarray: tally the used array slots in bins[] */
  private countArray(bins: number[]): number {
    const asize = this.asize;
    if (asize === 0) return 0;
    let na = 0;
    let i = 0;
    for (let b = 0; b < MAX_ABITS; b++) {
      let top = 2 ** (b + 1);
      if (top >= asize) {
        top = asize - 1;
        if (i > top) break;
      }
      let n = 0;
      for (; i <= top; i++) if (this.array[i]) n++;
      bins[b]! += n;
      na += n;
    }
    return na;
  }

  /** lj_tab_resize */
  private resize(asize: number, hbits: number): void {
    const oldArray = this.array;
    const oldKey = this.nodeKey;
    const oldUsed = this.nodeUsed;
    if (asize > oldArray.length) {
      const grown = new Uint8Array(asize);
      grown.set(oldArray);
      this.array = grown;
    }
    const hsize = hbits === 0 ? 0 : 1 << hbits;
    this.nodeKey = new Float64Array(hsize);
    this.nodeUsed = new Uint8Array(hsize);
    this.nodeNext = new Int32Array(hsize).fill(NONE);
    this.hmask = hsize === 0 ? 0 : hsize - 1;
    this.freeTop = hsize;
    if (asize < oldArray.length) {
      this.array = oldArray.slice(0, asize);
      for (let i = asize; i < oldArray.length; i++) if (oldArray[i]) this.setHash(i);
    }
    for (let i = 0; i < oldKey.length; i++) if (oldUsed[i]) this.set(oldKey[i]!);
  }

  /** lj_tab_next from the start: array slots, then nodes */
  keys(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.array.length; i++) if (this.array[i]) out.push(i);
    for (let i = 0; i < this.nodeKey.length; i++) if (this.nodeUsed[i]) out.push(this.nodeKey[i]!);
    return out;
  }
}

/** bestasize: [array size, keys it will hold] */
function bestArraySize(bins: number[], candidates: number): [number, number] {
  let sum = 0;
  let na = 0;
  let size = 0;
  for (let b = 0; 2 * candidates > 2 ** b && sum !== candidates; b++) {
    if (bins[b]! > 0) {
      sum += bins[b]!;
      if (2 * sum > 2 ** b) {
        size = 2 ** (b + 1) + 1;
        na = sum;
      }
    }
  }
  return [size, na];
}

/**
 * The pairs() order of a new LuaJIT table after `lua_rawseti` of each key, in order. Keys
 * are int32 (lua_rawseti's argument); a repeated key keeps its first place.
 */
export function luajitPairsOrder(keys: readonly number[]): number[] {
  const t = new Table();
  for (const k of keys) t.set(k | 0);
  return t.keys();
}
