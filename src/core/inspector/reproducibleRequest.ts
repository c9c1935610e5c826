import type { ExchangeRecord } from './exchangeRecord';
import { MASK, maskHeaders, maskUrl } from './secretMask';

/** Why a record cannot be replayed, or the replay itself. */
export type Replay<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** The request as a JSON file: enough for any HTTP client to send it again. */
export interface ReplayFile {
  readonly url: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  /**
   * The body as a JSON value when serialising it again gives the exact bytes
   * that were sent (JSON.stringify's own output always does), else the exact
   * text.
   */
  readonly body: unknown;
  readonly note: string;
}

const HEADERS_NOTE = `Header values shown as ${MASK} were hidden; put your own in before sending.`;

/** A POSIX shell `curl` command that sends the same bytes to the same address; secrets masked. */
export function curlCommand(record: ExchangeRecord): Replay<string> {
  const sent = sentRequest(record);
  if (!sent.ok) return sent;
  const { url, method, headers, body } = sent.value;
  const lines = [`curl -sS -N -X ${method} ${shellQuote(maskUrl(url))}`];
  // The client's Accept and User-Agent change nothing at the daemon; Content-Type and the user's headers do.
  for (const [name, value] of Object.entries(maskHeaders(headers))) {
    if (!/^(accept|user-agent)$/i.test(name)) lines.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  }
  lines.push(`--data-binary ${shellQuote(body)}`);
  return { ok: true, value: lines.join(' \\\n  ') };
}

/** The request as a JSON replay file (see ReplayFile). */
export function replayFile(record: ExchangeRecord): Replay<string> {
  const sent = sentRequest(record);
  if (!sent.ok) return sent;
  const { url, method, headers, body } = sent.value;
  const file: ReplayFile = { url: maskUrl(url), method, headers: maskHeaders(headers), body: sameBytesValue(body), note: HEADERS_NOTE };
  return { ok: true, value: `${JSON.stringify(file, null, 2)}\n` };
}

function sentRequest(record: ExchangeRecord): Replay<{ url: string; method: string; headers: Readonly<Record<string, string>>; body: string }> {
  const { url, method, body } = record;
  if (url === undefined || method === undefined || body === undefined) return { ok: false, reason: 'This request was never sent (it failed before reaching the server).' };
  if (record.bodyTruncated) {
    return { ok: false, reason: `The request body (${record.bodyChars} characters) was truncated in the inspector, so it cannot be replayed exactly.` };
  }
  return { ok: true, value: { url, method, headers: record.headers ?? {}, body } };
}

function sameBytesValue(body: string): unknown {
  try {
    const value: unknown = JSON.parse(body);
    return JSON.stringify(value) === body ? value : body;
  } catch {
    return body;
  }
}

/** Single quotes for a POSIX shell: nothing inside is expanded; a quote is closed, escaped and reopened. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
