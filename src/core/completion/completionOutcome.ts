import type { GenerateRequest } from '../engine/engineTypes';
import type { ModelServer } from '../engine/modelServer';
import type { OllamaFailure } from '../engine/ollamaFailure';
import type { FimFamily } from '../fimFamily';

/** The part of the model server completions use. */
export type CompletionBackend = Pick<ModelServer, 'hostLabel' | 'findModel' | 'generate'>;

export interface PipelineSettings {
  readonly model: string;
  readonly numCtx: number;
  readonly maxTokens: number;
  /** hearth.completion.template when not "auto". */
  readonly template?: FimFamily;
  readonly whileChatStreams: 'wait' | 'pause';
}

export type CompletionOrigin = 'model' | 'reused' | 'cache' | 'typeThrough';

export type SkipReason = 'noModel' | 'superseded' | 'cancelled' | 'daemonDown' | 'unavailable' | 'chatStreaming' | 'blocked';

export type CompletionOutcome =
  /** `text` is '' when nothing fits here (that is an answer too, and cached). */
  | {
      readonly kind: 'answer';
      readonly text: string;
      readonly origin: CompletionOrigin;
      readonly model: string;
      /** CPU time of windows, cache, prompt building, stop checks and post-processing; no network. */
      readonly overheadMs: number;
      /** The model request that produced the text; for cache hits, the one whose answer was cached. */
      readonly requestId?: number;
      /**
       * Set when `text` goes after the end of the cursor line rather than at
       * the cursor: nothing fitted there, so this is what follows the line.
       * It is the text from the cursor to the line's end, which the editor's
       * item replaces with itself (VS Code then shows `text` as ghost text).
       */
      readonly restOfLine?: string;
      /** Other model requests of this call that answered '' (at the cursor, or after the line): generation nothing was shown for. */
      readonly emptyRequestIds?: readonly number[];
    }
  | { readonly kind: 'skipped'; readonly reason: SkipReason; readonly failure?: OllamaFailure }
  | { readonly kind: 'failed'; readonly failure: OllamaFailure; readonly model: string };

/** One model request, reported when it ends (for the benchmark and diagnostics). */
export interface CompletionRequestRecord {
  readonly id: number;
  readonly model: string;
  readonly request: GenerateRequest;
  /** complete: the daemon ended it; stopped: Hearth closed it at the end of the answer; aborted: superseded or cancelled. */
  readonly end: 'complete' | 'stopped' | 'aborted' | 'failed';
  readonly raw: string;
  readonly startedAt: number;
  readonly endedAt: number;
}
