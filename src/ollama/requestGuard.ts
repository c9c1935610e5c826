import type { ExchangeRecord } from '../core/inspector/exchangeRecord';

/**
 * One request's cancellation: follows the caller's AbortSignal and adds a
 * watchdog, so a hung daemon ends in a clear "timeout" instead of waiting
 * forever. Aborting its signal makes fetch close the HTTP connection, which is
 * what stops generation on the server.
 */
export class RequestGuard {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onOuterAbort = (): void => this.controller.abort(this.outer?.reason);
  private timedOutFlag = false;

  constructor(private readonly outer?: AbortSignal) {
    if (outer?.aborted) this.controller.abort(outer.reason);
    else outer?.addEventListener('abort', this.onOuterAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** True when the watchdog, not the caller, aborted the request. */
  get timedOut(): boolean {
    return this.timedOutFlag;
  }

  /** (Re)starts the watchdog: abort unless `arm` or `dispose` is called again within `ms`. */
  arm(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    if (!Number.isFinite(ms) || ms <= 0) return;
    this.timer = setTimeout(() => {
      this.timedOutFlag = true;
      this.controller.abort(new DOMException('Ollama did not answer in time', 'TimeoutError'));
    }, ms);
  }

  /** Aborts the request now (closing the connection if it is still open). */
  abort(): void {
    this.controller.abort();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.outer?.removeEventListener('abort', this.onOuterAbort);
  }
}

/**
 * A `fetch` for the `ollama` client that always carries our signal and refuses
 * any URL outside the configured host: the package also knows endpoints on
 * other servers (web search), and code must never reach them by accident.
 */
export function fetchWithSignal(signal: AbortSignal, allowedBase: string, record?: Pick<ExchangeRecord, 'sent'>): typeof fetch {
  const base = allowedBase.replace(/\/+$/, '') + '/';
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(base)) {
      return Promise.reject(new Error(`Hearth refused a request outside the configured Ollama host: ${originOf(url)}`));
    }
    // The inspector keeps the body the client serialised: the very bytes fetch sends.
    record?.sent(url, init?.method ?? 'GET', headerRecord(init?.headers), typeof init?.body === 'string' ? init.body : undefined);
    const signals = init?.signal ? [init.signal, signal] : [signal];
    return fetch(input, { ...init, signal: signals.length === 1 ? signal : AbortSignal.any(signals) });
  };
}

/** The ollama client passes a plain object; the other forms are handled for completeness. */
function headerRecord(headers: RequestInit['headers']): Readonly<Record<string, string>> {
  if (headers === undefined) return {};
  const entries = headers instanceof Headers ? [...headers.entries()] : Array.isArray(headers) ? headers : Object.entries(headers);
  return Object.fromEntries(entries.map(([name, value]) => [name, String(value)]));
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url.slice(0, 80);
  }
}
