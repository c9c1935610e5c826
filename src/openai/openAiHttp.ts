import { createParser } from 'eventsource-parser';

/**
 * Where requests go: the server's root (no `/v1`), and the headers of the
 * connection (an API key among them). Nothing else is ever dialled.
 */
export interface HttpTarget {
  readonly root: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** A non-2xx answer, with the server's own words from its error body. */
export class OpenAiHttpError extends Error {
  constructor(
    readonly status: number,
    readonly serverText: string,
    readonly errorType: string | undefined,
  ) {
    super(`HTTP ${status}: ${serverText}`);
    this.name = 'OpenAiHttpError';
  }
}

/** An `{"error": …}` event inside a 200 stream, or an event that is not JSON. */
export class OpenAiStreamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OpenAiStreamError';
  }
}

/** The stream closed before its last event (`[DONE]`, or the final chunk of /infill). */
export class OpenAiIncompleteError extends Error {
  constructor() {
    super('The server closed the stream before its final event');
    this.name = 'OpenAiIncompleteError';
  }
}

export async function getJson(target: HttpTarget, path: string, signal: AbortSignal): Promise<unknown> {
  const response = await send(target, path, { method: 'GET' }, signal);
  if (!response.ok) throw await httpError(response);
  const value: unknown = await response.json();
  return value;
}

/**
 * POSTs `body` and yields the data of each Server-Sent Event, parsed as
 * JSON, until `data: [DONE]` or the end of the body. eventsource-parser does
 * the framing (CRLF, multi-line data, comments such as llama-server's
 * keep-alive pings). The caller's AbortSignal closes the connection, which
 * stops generation at the server.
 */
export async function* postEvents(target: HttpTarget, path: string, body: unknown, signal: AbortSignal): AsyncGenerator<Record<string, unknown>, void, undefined> {
  const response = await send(
    target,
    path,
    { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' }, body: JSON.stringify(body) },
    signal,
  );
  if (!response.ok) throw await httpError(response);
  if (!response.body) return;
  const pending: string[] = [];
  const parser = createParser({ onEvent: (event) => pending.push(event.data) });
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
  const decoder = new TextDecoder();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      parser.feed(decoder.decode(value, { stream: true }));
      while (pending.length > 0) {
        const data = pending.shift() ?? '';
        if (data === '[DONE]') return;
        yield eventObject(data);
      }
    }
  } finally {
    reader.releaseLock();
  }
}

function eventObject(data: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    throw new OpenAiStreamError(`malformed event from the server: ${data.slice(0, 80)}`);
  }
  if (typeof value !== 'object' || value === null) throw new OpenAiStreamError(`unexpected event from the server: ${data.slice(0, 80)}`);
  const error = (value as { error?: unknown }).error;
  if (error !== undefined) throw new OpenAiStreamError(errorText(error));
  return value as Record<string, unknown>;
}

function send(target: HttpTarget, path: string, init: RequestInit, signal: AbortSignal): Promise<Response> {
  const headers = { ...target.headers, ...(init.headers as Record<string, string> | undefined) };
  // redirect 'error': the headers (an API key) go to the configured host only, never to where a redirect points.
  return fetch(target.root + path, { ...init, headers, signal, redirect: 'error' });
}

async function httpError(response: Response): Promise<OpenAiHttpError> {
  const text = await response.text().catch(() => '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return new OpenAiHttpError(response.status, text.trim().slice(0, 200) || response.statusText, undefined);
  }
  // vLLM and llama-server: {"error": {"message", "type", "code"}}; vLLM's key check: {"error": "Unauthorized"}.
  const error = (parsed as { error?: unknown } | null)?.error ?? parsed;
  const type = typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;
  return new OpenAiHttpError(response.status, errorText(error), typeof type === 'string' ? type : undefined);
}

function errorText(error: unknown): string {
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null) {
    const message = (error as { message?: unknown }).message;
    if (typeof message === 'string' && message !== '') return message;
  }
  return JSON.stringify(error)?.slice(0, 200) ?? 'no details';
}
