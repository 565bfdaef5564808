// Go's context.Context for the reference store, on an injected clock: cancellation with a reason
// ("context canceled" or "context deadline exceeded"), children cancelled with their parent, and
// an AbortSignal so that undici aborts the request a context ends.
import type { Clock, TimerHandle } from './clock.ts';

export const CANCELED = 'context canceled';
export const DEADLINE_EXCEEDED = 'context deadline exceeded';

export type ContextError = typeof CANCELED | typeof DEADLINE_EXCEEDED;

export class Context {
  /** Null while the context is live; why it ended otherwise. */
  err: ContextError | null = null;
  private readonly controller = new AbortController();
  private readonly children = new Set<Context>();
  private timer: TimerHandle | null = null;
  private ended: Promise<ContextError> | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly parent: Context | null = null,
  ) {
    if (parent === null) return;
    if (parent.err !== null) this.cancel(parent.err);
    else parent.children.add(this);
  }

  /** Aborted with the context's error when the context ends. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** context.WithTimeout: a child ended with "deadline exceeded" `timeoutMs` from now. */
  withTimeout(timeoutMs: number): Context {
    const child = new Context(this.clock, this);
    if (child.err === null) {
      child.timer = this.clock.setTimeout(() => child.cancel(DEADLINE_EXCEEDED), timeoutMs);
    }
    return child;
  }

  cancel(reason: ContextError = CANCELED): void {
    if (this.err !== null) return;
    this.err = reason;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.parent?.children.delete(this);
    this.controller.abort(new ContextEnded(reason));
    for (const child of [...this.children]) child.cancel(reason);
    this.children.clear();
  }

  /** Resolves when the context ends (never, if it never does); one promise per context. */
  done(): Promise<ContextError> {
    if (this.ended === null) {
      this.ended =
        this.err !== null
          ? Promise.resolve(this.err)
          : new Promise((resolve) => {
              const onAbort = () => resolve(this.err ?? CANCELED);
              this.signal.addEventListener('abort', onAbort, { once: true });
            });
    }
    return this.ended;
  }
}

/** The abort reason of a context's signal. */
export class ContextEnded extends Error {
  constructor(readonly reason: ContextError) {
    super(reason);
    this.name = 'ContextEnded';
  }
}
