// What the store's background writer selects over, with Go's channel semantics: the event
// channel (buffered, closable), the ticker's channel (holds one tick) and the flush channel
// (capacity 1). A writer blocked in its select is handed the first thing that becomes ready, as a
// Go receiver is; when several are ready at once, the pick is the run's choice.
import { StorePanic } from './errors.ts';

/** A flush request: the writer calls `reply` once it wrote its batch. */
export interface FlushRequest {
  reply(error: string | null): void;
}

/** What one select of the writer received. */
export type Received =
  | { readonly kind: 'event'; readonly eventId: number }
  /** The event channel is closed and empty (Go's receive with ok = false). */
  | { readonly kind: 'closed' }
  | { readonly kind: 'tick' }
  | { readonly kind: 'flush'; readonly request: FlushRequest };

interface BlockedFlush {
  readonly request: FlushRequest;
  readonly sent: () => void;
}

export class WriterInbox {
  private readonly events: number[] = [];
  private eventsClosed = false;
  private tickPending = false;
  private flushSlot: FlushRequest | null = null;
  private readonly blockedFlushes: BlockedFlush[] = [];
  private waiting: ((received: Received) => void) | null = null;

  /**
   * @param bufferSize capacity of the event channel
   * @param choose a choice among n options, for a select with several ready cases
   */
  constructor(
    private readonly bufferSize: number,
    private readonly choose: (n: number) => number,
  ) {}

  /** Go's `select { case ch <- id: default: }`: false when the channel is full. */
  offerEvent(eventId: number): boolean {
    if (this.eventsClosed) throw new StorePanic('send on closed channel');
    if (this.handOver({ kind: 'event', eventId })) return true;
    if (this.events.length >= this.bufferSize) return false;
    this.events.push(eventId);
    return true;
  }

  closeEvents(): void {
    if (this.eventsClosed) throw new StorePanic('close of closed channel');
    this.eventsClosed = true;
    if (this.events.length === 0) this.handOver({ kind: 'closed' });
  }

  /** A tick of the ticker: dropped when one is already pending, as Go's ticker drops it. */
  offerTick(): void {
    if (this.handOver({ kind: 'tick' })) return;
    this.tickPending = true;
  }

  /**
   * Sends a flush request; resolves once it is in the channel or with the writer. `cancel`
   * withdraws a send that is still blocked (the caller's context ended first).
   */
  sendFlush(request: FlushRequest): { sent: Promise<void>; cancel: () => void } {
    const done = { sent: Promise.resolve(), cancel: () => {} };
    if (this.handOver({ kind: 'flush', request })) return done;
    if (this.flushSlot === null) {
      this.flushSlot = request;
      return done;
    }
    let blocked: BlockedFlush | null = null;
    const sent = new Promise<void>((resolve) => {
      blocked = { request, sent: resolve };
      this.blockedFlushes.push(blocked);
    });
    const cancel = () => {
      const at = this.blockedFlushes.indexOf(blocked!);
      if (at !== -1) this.blockedFlushes.splice(at, 1);
    };
    return { sent, cancel };
  }

  /** The writer's select over events, ticks and flush requests. */
  receive(): Promise<Received> {
    const ready = this.readyCases();
    if (ready.length > 0) {
      const pick = ready.length === 1 ? 0 : this.choose(ready.length);
      return Promise.resolve(this.take(ready[pick]!));
    }
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  /**
   * Go's `select { case e := <-ch: ...; default: }`: null when nothing is ready. On a closed
   * channel every receive is ready and yields the zero value: an eventId of null.
   */
  tryReceiveEvent(): { readonly eventId: number | null } | null {
    const next = this.events.shift();
    if (next !== undefined) return { eventId: next };
    return this.eventsClosed ? { eventId: null } : null;
  }

  private readyCases(): Received['kind'][] {
    const ready: Received['kind'][] = [];
    if (this.events.length > 0 || this.eventsClosed) ready.push('event');
    if (this.tickPending) ready.push('tick');
    if (this.flushSlot !== null) ready.push('flush');
    return ready;
  }

  private take(kind: Received['kind']): Received {
    switch (kind) {
      case 'event':
      case 'closed': {
        const eventId = this.events.shift();
        return eventId === undefined ? { kind: 'closed' } : { kind: 'event', eventId };
      }
      case 'tick':
        this.tickPending = false;
        return { kind: 'tick' };
      case 'flush': {
        const request = this.flushSlot!;
        this.flushSlot = null;
        const next = this.blockedFlushes.shift();
        if (next !== undefined) {
          this.flushSlot = next.request;
          next.sent();
        }
        return { kind: 'flush', request };
      }
    }
  }

  /** Gives `received` to a writer blocked in its select; false when none is. */
  private handOver(received: Received): boolean {
    const waiting = this.waiting;
    if (waiting === null) return false;
    this.waiting = null;
    waiting(received);
    return true;
  }
}
