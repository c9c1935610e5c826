import type { Disposable } from '../emitter';
import { OllamaError, toOllamaFailure } from '../engine/ollamaFailure';
import type { OllamaFailure } from '../engine/ollamaFailure';
import type { ModelServer } from '../engine/modelServer';
import type { ChatRequest, GenerationStats } from '../engine/engineTypes';

export type AnswerOutcome =
  | { readonly status: 'done'; readonly stats: GenerationStats }
  | { readonly status: 'stopped' }
  | { readonly status: 'error'; readonly failure: OllamaFailure };

export interface AnswerDeps {
  readonly ollama: Pick<ModelServer, 'chat' | 'hostLabel'>;
  /** Completions wait or pause while this is held (they share the daemon's slot). */
  readonly beginChatStream: () => Disposable;
}

/**
 * Streams one chat answer. Aborting `signal` closes the HTTP request, which
 * stops generation at the daemon; the outcome says how it ended, so the
 * caller keeps whatever text arrived in every case. Never throws.
 */
export async function streamAnswer(
  deps: AnswerDeps,
  request: ChatRequest,
  signal: AbortSignal,
  onText: (text: string, thinking: string) => void,
): Promise<AnswerOutcome> {
  const gpu = deps.beginChatStream();
  try {
    for await (const event of deps.ollama.chat(request, signal)) {
      switch (event.kind) {
        case 'text':
          onText(event.text, '');
          break;
        case 'thinking':
          onText('', event.text);
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
    return { status: 'error', failure: toOllamaFailure(new Error('Did not receive done'), { host: deps.ollama.hostLabel, model: request.model }) };
  } catch (error) {
    const failure = error instanceof OllamaError ? error.failure : toOllamaFailure(error, { host: deps.ollama.hostLabel, model: request.model });
    return failure.kind === 'cancelled' && signal.aborted ? { status: 'stopped' } : { status: 'error', failure };
  } finally {
    gpu.dispose();
  }
}
