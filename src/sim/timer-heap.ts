// The single event queue of the runtime: a binary min-heap of timers ordered by (due time,
// insertion sequence). The sequence breaks ties, so equal due times fire in the order they were
// scheduled and never in an order that depends on object identity.

export interface Timer {
  /** Mutable so that a fired timer (a ticker's, a sleeping goroutine's) is re-armed, not remade. */
  dueMs: number;
  seq: number;
  readonly fire: () => void;
  cancelled: boolean;
  /** In the heap: set by push, cleared by pop. A timer is re-armed only once it is out. */
  queued: boolean;
}

function before(a: Timer, b: Timer): boolean {
  return a.dueMs < b.dueMs || (a.dueMs === b.dueMs && a.seq < b.seq);
}

// Both sifts carry the moving timer in hand and shift the others into the hole it leaves, one
// write per level instead of a swap: the heap is on the path of every sleep, tick and timeout.
export class TimerHeap {
  private readonly items: Timer[] = [];

  peek(): Timer | undefined {
    return this.items[0];
  }

  push(timer: Timer): void {
    const items = this.items;
    let i = items.length;
    timer.queued = true;
    items.push(timer);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = items[parent]!;
      if (!before(timer, above)) break;
      items[i] = above;
      i = parent;
    }
    items[i] = timer;
  }

  pop(): Timer | undefined {
    const items = this.items;
    const top = items[0];
    if (top !== undefined) top.queued = false;
    const last = items.pop();
    const size = items.length;
    if (size === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= size) break;
      const right = left + 1;
      const child = right < size && before(items[right]!, items[left]!) ? right : left;
      const below = items[child]!;
      if (!before(below, last)) break;
      items[i] = below;
      i = child;
    }
    items[i] = last;
    return top;
  }
}
