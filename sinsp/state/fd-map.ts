// The entries of one fd table by fd number. Processes use small numbers and close and
// reopen them all the time: those live in a slot array (no hashing, and nothing is
// allocated or shrunk when an fd closes, as a Map does), the rare large numbers (and
// libsinsp's parked CANCELED_FD_NUMBER) in a Map. Iteration gives the slots in fd order,
// then the large ones; nothing that iterates an fd table depends on its order (the
// chisel API's libsinsp order is tracked apart, see unordered-map-order.ts).

const SLOTS = 1024;

export class FdMap<V> {
  /** fd -> entry for 0 <= fd < SLOTS; undefined where there is none (never a hole) */
  private readonly slots: Array<V | undefined> = [];
  private readonly large = new Map<number, V>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(fd: number): V | undefined {
    if (fd >= 0 && fd < SLOTS) return fd < this.slots.length ? this.slots[fd] : undefined;
    return this.large.get(fd);
  }

  has(fd: number): boolean {
    return this.get(fd) !== undefined;
  }

  set(fd: number, v: V): void {
    if (fd >= 0 && fd < SLOTS) {
      const slots = this.slots;
      while (slots.length <= fd) slots.push(undefined);
      if (slots[fd] === undefined) this.count++;
      slots[fd] = v;
      return;
    }
    if (!this.large.has(fd)) this.count++;
    this.large.set(fd, v);
  }

  delete(fd: number): boolean {
    if (fd >= 0 && fd < SLOTS) {
      if (fd >= this.slots.length || this.slots[fd] === undefined) return false;
      this.slots[fd] = undefined;
      this.count--;
      return true;
    }
    if (!this.large.delete(fd)) return false;
    this.count--;
    return true;
  }

  *entries(): IterableIterator<[number, V]> {
    const slots = this.slots;
    for (let fd = 0; fd < slots.length; fd++) {
      const v = slots[fd];
      if (v !== undefined) yield [fd, v];
    }
    yield* this.large.entries();
  }

  *values(): IterableIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): IterableIterator<[number, V]> {
    return this.entries();
  }
}
