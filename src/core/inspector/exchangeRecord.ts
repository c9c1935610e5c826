import type { GenerationStats, StreamedToolCall, ToolStreamEvent } from '../engine/engineTypes';
import type { RequestTrace } from './requestTrace';
import { maskHeaders } from './secretMask';

/** Where a request went and who asked; given when it starts. */
export interface RequestStart {
  readonly trace: RequestTrace;
  /** Which engine served it (e.g. "ollama"). */
  readonly engine: string;
  /** The API path, e.g. "/api/generate". */
  readonly endpoint: string;
  readonly model: string;
}

export type ExchangeEnding =
  | { readonly kind: 'done'; readonly doneReason: string }
  /** The caller stopped reading (e.g. the completion was complete) and Hearth closed the request. */
  | { readonly kind: 'closedByHearth' }
  | { readonly kind: 'aborted'; readonly reason: string }
  | { readonly kind: 'timedOut' }
  | { readonly kind: 'failed'; readonly message: string };

/**
 * One request as it went over the wire and what came back. The server's
 * capture calls these methods on the hot path; each stores a reference or
 * appends to an array and formats nothing. A size cap bounds what one record
 * holds (the request body first, then the answer); what is cut is counted so
 * the inspector can say so.
 */
export class ExchangeRecord {
  readonly startedAt = Date.now();
  endedAt: number | undefined;
  url: string | undefined;
  method: string | undefined;
  headers: Readonly<Record<string, string>> | undefined;
  /** The request body exactly as sent, up to the cap. */
  body: string | undefined;
  /** Length of the body as sent, also when `body` was cut. */
  bodyChars = 0;
  readonly textParts: string[] = [];
  readonly thinkingParts: string[] = [];
  readonly toolCalls: StreamedToolCall[] = [];
  /** Characters of answer and thinking that arrived, kept or not. */
  answerChars = 0;
  private keptAnswerChars = 0;
  stats: GenerationStats | undefined;
  ending: ExchangeEnding | undefined;
  /** What the caller said afterwards: shown, typed through, nothing to show. */
  readonly notes: string[] = [];

  constructor(
    readonly id: number,
    readonly start: RequestStart,
    private readonly maxChars: number,
    private readonly onEnd: () => void,
  ) {}

  get bodyTruncated(): boolean {
    return this.body !== undefined && this.body.length < this.bodyChars;
  }

  get answerTruncated(): boolean {
    return this.keptAnswerChars < this.answerChars;
  }

  /**
   * The request as the client's fetch got it. Header values are masked as
   * they are stored: the recorder is reachable from Hearth's extension API,
   * and an API key must not be (the Inspector only ever shows them masked).
   */
  sent(url: string, method: string, headers: Readonly<Record<string, string>>, body: string | undefined): void {
    this.url = url;
    this.method = method;
    this.headers = maskHeaders(headers);
    if (body === undefined) return;
    this.bodyChars = body.length;
    // Three quarters of the cap for the body: the answer keeps some room.
    const limit = Math.floor(this.maxChars * 0.75);
    this.body = body.length <= limit ? body : detached(body.slice(0, limit));
  }

  /** One event of the answer stream, as the server yields it to the caller. */
  received(event: ToolStreamEvent): void {
    if (event.kind === 'text') this.keep(this.textParts, event.text);
    else if (event.kind === 'thinking') this.keep(this.thinkingParts, event.text);
    else if (event.kind === 'toolCalls') this.toolCalls.push(...event.calls);
    else this.finished(event.stats);
  }

  finished(stats: GenerationStats): void {
    this.stats = stats;
    this.end({ kind: 'done', doneReason: stats.doneReason });
  }

  /** The first ending wins: a failure after "done" changes nothing. */
  end(ending: ExchangeEnding): void {
    if (this.ending !== undefined) return;
    this.ending = ending;
    this.endedAt = Date.now();
    this.onEnd();
  }

  private keep(parts: string[], piece: string): void {
    this.answerChars += piece.length;
    const room = this.maxChars - (this.body?.length ?? 0) - this.keptAnswerChars;
    if (room <= 0) return;
    const kept = piece.length <= room ? piece : piece.slice(0, room);
    parts.push(kept);
    this.keptAnswerChars += kept.length;
  }
}

/**
 * A copy that does not keep the whole original alive: V8 may represent a
 * slice as a view into its parent, and the point of the cap is to let a
 * huge body go.
 */
function detached(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}
