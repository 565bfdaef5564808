// The reference store's DataStorage client: one POST of a batch to /api/v1/audit/events/batch
// through undici, bounded by the HTTP client's timeout and by the attempt's context, both on the
// injected clock. It names the outcome the way the spec classifies it and keeps the error text.
import { request, type Dispatcher } from 'undici';
import type { AttemptResult } from '../model/history.ts';
import { ClientTimeout, classifyError, classifyStatus, errorCode } from './classify.ts';
import type { Clock } from './clock.ts';
import type { Context } from './context.ts';
import { never } from './process-life.ts';

export const BATCH_PATH = '/api/v1/audit/events/batch';

/** What one POST carries, and what DataStorage records of it. */
export interface BatchPayload {
  readonly process: number;
  readonly batchId: number;
  readonly attempt: number;
  readonly eventIds: readonly number[];
}

/** How one POST ended, as the store sees it. */
export interface PostResult {
  readonly result: AttemptResult;
  /** The error text the store logs; empty for 'ok'. */
  readonly errorText: string;
  /** The system or undici error code behind a network error (ECONNREFUSED, ...). */
  readonly errorCode: string | null;
}

export interface DataStorageClientOptions {
  /** `http://host:port` of DataStorage. */
  readonly origin: string;
  readonly dispatcher: Dispatcher;
  readonly clock: Clock;
  /** Aborted when the client's process exits: a request in flight is then abandoned. */
  readonly exited: AbortSignal;
}

export class DataStorageClient {
  constructor(private readonly options: DataStorageClientOptions) {}

  get url(): string {
    return `${this.options.origin}${BATCH_PATH}`;
  }

  /**
   * POSTs `batch` once. Resolves with its result, or never when the process exits first.
   * @param timeoutMs the HTTP client's timeout for the whole attempt, in clock ms
   * @param ctx the attempt's context; its end aborts the request
   */
  async post(batch: BatchPayload, timeoutMs: number, ctx: Context | null): Promise<PostResult> {
    const { clock, dispatcher, exited } = this.options;
    const abort = new AbortController();
    const timer = clock.setTimeout(() => abort.abort(new ClientTimeout(timeoutMs)), timeoutMs);
    const onAbort = (signal: AbortSignal) => () => abort.abort(signal.reason);
    const onContext = ctx === null ? null : onAbort(ctx.signal);
    const onExit = onAbort(exited);
    if (ctx !== null) ctx.signal.addEventListener('abort', onContext!, { once: true });
    exited.addEventListener('abort', onExit, { once: true });

    try {
      const response = await request(this.url, {
        method: 'POST',
        dispatcher,
        signal: abort.signal,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(batch),
      });
      await response.body.text();
      const result = classifyStatus(response.statusCode);
      return { result, errorText: statusText(response.statusCode), errorCode: null };
    } catch (error) {
      if (exited.aborted) return never();
      const result = classifyError(error, abort.signal.reason);
      const code = errorCode(error) ?? null;
      return { result, errorText: this.networkErrorText(result, error), errorCode: code };
    } finally {
      clock.clearTimeout(timer);
      ctx?.signal.removeEventListener('abort', onContext!);
      exited.removeEventListener('abort', onExit);
    }
  }

  private networkErrorText(result: AttemptResult, error: unknown): string {
    const detail =
      result === 'timeout'
        ? 'context deadline exceeded (Client.Timeout exceeded while awaiting headers)'
        : result === 'cancelled'
          ? 'context canceled'
          : result === 'deadline'
            ? 'context deadline exceeded'
            : error instanceof Error
              ? error.message
              : String(error);
    return `network error: Post "${this.url}": ${detail}`;
  }
}

function statusText(statusCode: number): string {
  if (statusCode >= 200 && statusCode < 300) return '';
  const kind = statusCode >= 500 ? 'server error' : 'client error';
  return `${kind}: DataStorage returned ${statusCode}`;
}
