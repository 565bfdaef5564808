// How the reference store's DataStorage client names what happened to one POST, and whether the
// store retries it. The spec's rules: network errors and 5xx are retried, 4xx are not, 401 and
// 403 only from kubernaut-2026-05-06 (`retryAuthErrors`), anything unknown is retried.
import type { AttemptResult } from '../model/history.ts';
import { ContextEnded, DEADLINE_EXCEEDED } from './context.ts';

/** The abort reason of an attempt that outlived the HTTP client's timeout. */
export class ClientTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`Client.Timeout of ${timeoutMs} ms exceeded while awaiting headers`);
    this.name = 'ClientTimeout';
  }
}

/** The result class of an HTTP answer. */
export function classifyStatus(statusCode: number): AttemptResult {
  if (statusCode >= 200 && statusCode < 300) return 'ok';
  if (statusCode === 401) return 'status-401';
  if (statusCode === 403) return 'status-403';
  if (statusCode >= 400 && statusCode < 500) return 'status-4xx';
  return 'status-5xx';
}

const REFUSED = new Set(['ECONNREFUSED']);
const TIMED_OUT = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'ETIMEDOUT']);

/**
 * The result class of a request that failed without an answer. `abortReason` is the reason the
 * client aborted it with, if it did. An error the client cannot name counts as a broken
 * connection ('reset'): retried, as the spec retries anything unknown.
 */
export function classifyError(error: unknown, abortReason: unknown): AttemptResult {
  if (abortReason instanceof ClientTimeout) return 'timeout';
  if (abortReason instanceof ContextEnded) {
    return abortReason.reason === DEADLINE_EXCEEDED ? 'deadline' : 'cancelled';
  }
  const code = errorCode(error);
  if (code !== undefined && REFUSED.has(code)) return 'refused';
  if (code !== undefined && TIMED_OUT.has(code)) return 'timeout';
  return 'reset'; // ECONNRESET, EPIPE, UND_ERR_SOCKET, UND_ERR_CLOSED and anything unknown
}

/** The system or undici error code of `error`, looking through `cause` and AggregateError. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string') return code;
  if (Array.isArray(errors) && errors.length > 0) return errorCode(errors[0]);
  return errorCode(cause);
}

/** Whether the store makes another attempt after this result. */
export function retried(result: AttemptResult, retryAuthErrors: boolean): boolean {
  switch (result) {
    case 'status-4xx':
      return false;
    case 'status-401':
    case 'status-403':
      return retryAuthErrors;
    default:
      return true;
  }
}
