import type { ChatRequest, GenerationStats } from '../engine/engineTypes';
import { OllamaError, toOllamaFailure } from '../engine/ollamaFailure';
import type { OllamaFailure } from '../engine/ollamaFailure';
import type { AnswerEngine } from './chatPorts';
import type { RequestTrace } from '../inspector/requestTrace';

export type AnswerOutcome =
  | { readonly status: 'done'; readonly stats: GenerationStats }
  | { readonly status: 'stopped' }
  /** The reply passed hearth.chat.maxReplyBytes and was stopped there. */
  | { readonly status: 'capped'; readonly limitBytes: number }
  | { readonly status: 'error'; readonly failure: OllamaFailure };

/** How an answer ended, and everything that arrived before it did. */
export interface AnswerResult {
  readonly outcome: AnswerOutcome;
  readonly text: string;
  readonly thinking: string;
}

/**
 * One streaming answer from the model: its request, its cancellation and the
 * text so far. `run()` streams it and resolves with how it ended, never
 * throwing; `stop()`, or the caller's signal, aborts it, which closes the HTTP
 * request and so stops generation at the daemon. Whatever arrived is in the
 * result in every case. Completions wait (or pause) while it runs.
 */
export class AnswerRun {
  private textSoFar = '';
  private thinkingSoFar = '';
  private readonly controller = new AbortController();
  /** Aborted by stop() or by the caller's signal: either closes the request. */
  private readonly signal: AbortSignal;
  private started = false;
  private textBytes = 0;

  constructor(
    private readonly engine: AnswerEngine,
    readonly request: ChatRequest,
    /** Called with each piece as it arrives (text and thinking apart). */
    private readonly onDelta: (text: string, thinking: string) => void = () => undefined,
    signal?: AbortSignal,
    /** UTF-8 bytes of answer text after which it is stopped (a runaway model must not fill memory, disk and the view). */
    private readonly maxTextBytes = Number.POSITIVE_INFINITY,
    /** Who asked, for the inspector (the answer's turn id). */
    private readonly trace: RequestTrace = { kind: 'chat' },
  ) {
    this.signal = signal ? AbortSignal.any([this.controller.signal, signal]) : this.controller.signal;
  }

  get text(): string {
    return this.textSoFar;
  }

  get thinking(): string {
    return this.thinkingSoFar;
  }

  stop(): void {
    this.controller.abort(new DOMException('stopped by the user', 'AbortError'));
  }

  async run(): Promise<AnswerResult> {
    if (this.started) throw new Error('An AnswerRun runs once');
    this.started = true;
    const outcome = await this.stream();
    return { outcome, text: this.textSoFar, thinking: this.thinkingSoFar };
  }

  private async stream(): Promise<AnswerOutcome> {
    const { server } = this.engine;
    const signal = this.signal;
    const gpu = this.engine.beginChatStream();
    try {
      for await (const event of server.chat(this.request, signal, this.trace)) {
        switch (event.kind) {
          case 'text':
            this.textSoFar += event.text;
            this.textBytes += utf8Length(event.text);
            this.onDelta(event.text, '');
            if (this.textBytes > this.maxTextBytes) {
              // Aborting closes the request, which stops generation at the daemon.
              this.controller.abort(new DOMException(`the answer passed ${this.maxTextBytes} bytes (hearth.chat.maxReplyBytes)`, 'AbortError'));
              return { status: 'capped', limitBytes: this.maxTextBytes };
            }
            break;
          case 'thinking':
            this.thinkingSoFar += event.text;
            this.onDelta('', event.text);
            break;
          case 'done':
            return { status: 'done', stats: event.stats };
          default: {
            const unreachable: never = event;
            throw new Error(`unknown stream event ${JSON.stringify(unreachable)}`);
          }
        }
      }
      // The service turns a stream without `done` into an error; this is a guard.
      return { status: 'error', failure: toOllamaFailure(new Error('Did not receive done'), { host: server.hostLabel, model: this.request.model }) };
    } catch (error) {
      const failure = error instanceof OllamaError ? error.failure : toOllamaFailure(error, { host: server.hostLabel, model: this.request.model });
      return failure.kind === 'cancelled' && signal.aborted ? { status: 'stopped' } : { status: 'error', failure };
    } finally {
      gpu.dispose();
    }
  }
}

/** Bytes of `text` in UTF-8, without encoding it. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    // A surrogate pair is one 4-byte code point: 2 per half.
    else if (unit >= 0xd800 && unit <= 0xdfff) bytes += 2;
    else bytes += 3;
  }
  return bytes;
}
