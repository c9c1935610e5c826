import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRecord } from './standInGeneration';

const JSON_TYPE = 'application/json; charset=utf-8';
const NDJSON_TYPE = 'application/x-ndjson';

/**
 * One HTTP response in progress. Like Go's net/http under gin, headers go out
 * with the first body byte: while a model loads or evaluates the prompt the
 * client has no response yet, only an open request. Every wait is cut short
 * when the connection closes, so generation stops at once, as in the daemon.
 */
export class StandInExchange {
  private isClosed = false;
  /** Called once, synchronously, when the stand-in finishes its response (before the bytes leave). */
  onEnd: (() => void) | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly wakers = new Set<() => void>();

  constructor(private readonly res: ServerResponse) {
    res.on('close', () => {
      this.isClosed = true;
      for (const t of this.timers) clearTimeout(t);
      this.timers.clear();
      for (const wake of [...this.wakers]) wake();
    });
  }

  /** True once the connection closed or the response ended. */
  get closed(): boolean { return this.isClosed || this.res.writableEnded; }

  /** Resolves true after `ms`, or false as soon as the connection closes. */
  sleep(ms: number): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    // Timers may fire a little early by the hrtime clock; re-arm so measured
    // durations never come out below the configured latency.
    const deadline = process.hrtime.bigint() + BigInt(Math.round(Math.max(0, ms) * 1e6));
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout;
      const done = (): void => {
        this.wakers.delete(done);
        this.timers.delete(timer);
        clearTimeout(timer);
        resolve(!this.closed);
      };
      const arm = (): void => {
        const left = Number(deadline - process.hrtime.bigint()) / 1e6;
        if (left <= 0 && this.timers.has(timer)) return done();
        this.timers.delete(timer);
        // Even a 0 ms wait yields, so a client's close is seen between tokens.
        timer = setTimeout(arm, Math.max(0, Math.ceil(left)));
        timer.unref();
        this.timers.add(timer);
      };
      this.wakers.add(done);
      arm();
    });
  }

  /** Waits until the connection closes: a hung daemon never answers by itself. */
  hang(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => { this.wakers.delete(wake); resolve(); };
      this.wakers.add(wake);
    });
  }

  /** Writes one NDJSON line (an object, or raw text for malformed-line faults). */
  line(value: unknown): void {
    if (this.closed) return;
    if (!this.res.headersSent) this.res.writeHead(200, { 'Content-Type': NDJSON_TYPE });
    this.res.write(`${typeof value === 'string' ? value : JSON.stringify(value)}\n`);
  }

  /** Writes one Server-Sent Event (`data: …` and a blank line), as the OpenAI-compatible servers stream. */
  event(data: unknown): void {
    if (this.closed) return;
    if (!this.res.headersSent) this.res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
    this.res.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
  }

  json(status: number, body: unknown): void {
    this.send(status, JSON_TYPE, JSON.stringify(body));
  }

  text(status: number, body: string): void {
    this.send(status, 'text/plain; charset=utf-8', body);
  }

  /** Sends a raw body, as a broken upstream might. */
  send(status: number, contentType: string, body: string): void {
    if (this.closed) return;
    if (!this.res.headersSent) {
      this.res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
    }
    this.finish(body);
  }

  end(): void {
    if (this.closed) return;
    // A stream that produced nothing still answers 200 with an empty NDJSON body.
    if (!this.res.headersSent) this.res.writeHead(200, { 'Content-Type': NDJSON_TYPE });
    this.finish('');
  }

  // The outcome is decided here rather than on 'finish', so a client holding
  // the whole body never sees the request still pending.
  private finish(body: string): void {
    this.onEnd?.();
    this.onEnd = undefined;
    this.res.end(body);
  }
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    req.on('data', (chunk: Buffer) => parts.push(chunk));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    // A client that leaves mid-upload: the close handler records the outcome.
    req.on('error', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('close', () => resolve(Buffer.concat(parts).toString('utf8')));
  });
}

/** Go's binding errors, approximately: the client only needs a 400 with {"error"}. */
export function parseJsonBody(raw: string): { value: unknown; error?: string } {
  const text = raw.trim();
  if (text === '') return { value: undefined, error: 'missing request body' };
  try {
    const value: unknown = JSON.parse(text);
    if (!isRecord(value)) {
      const kind = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
      return { value, error: `json: cannot unmarshal ${kind} into Go value of type api.Request` };
    }
    return { value };
  } catch {
    const first = text[0] ?? '';
    return { value: undefined, error: /[{["\d-]/.test(first) ? 'unexpected EOF' : `invalid character '${first}' looking for beginning of value` };
  }
}
