// Pure: the editor-independent flow of one inline completion (model facts →
// windows → cache → scheduler → stream → post-processing). No `vscode` import
// (ESLint enforces it): the provider adapts it to VS Code, the benchmark
// drives it with a virtual document.
import type { CompletionCache, CompletionPosition } from './completionCache';
import type { CharsPerTokenEstimator } from './charsPerToken';
import type { Clock } from './clock';
import type { CompletionScheduler, StartCompletion } from './completionScheduler';
import { SnippetWindowCache } from './contextSnippets';
import type { CompletionStats } from './completionStats';
import { transportFor } from './fimTransport';
import type { ContextFile } from './fimTemplates';
import type { GpuArbiter } from './gpuArbiter';
import type { ModelBackoff } from './modelBackoff';
import { isStreamComplete, postProcessCompletion } from './postProcess';
import { TYPO_HOLD_MS, likelyTypo } from './typoGuard';
import { Emitter } from '../emitter';
import type { Event } from '../emitter';
import type { FimFamily } from '../fimFamily';
import type { Logger } from '../logger';
import { OllamaError, modelMissingFailure, noFimFailure, toOllamaFailure } from '../engine/ollamaFailure';
import type { OllamaFailure, Result } from '../engine/ollamaFailure';
import type { GenerateRequest, GenerationStats, ModelInfo, StreamEvent } from '../engine/engineTypes';
import { describeRequest } from './completionLog';
import { afterLineQuery, completionWindow, prepareRequest } from './completionRequest';
import type { CompletionQuery, CompletionWindow, PreparedRequest } from './completionRequest';
import { TokenCountProbe } from './tokenCountProbe';

/** The part of OllamaService completions use. */
export interface CompletionBackend {
  readonly hostLabel: string;
  findModel(name: string, signal?: AbortSignal): Promise<Result<ModelInfo | undefined>>;
  generate(request: GenerateRequest, signal: AbortSignal): AsyncIterable<StreamEvent>;
}

export interface PipelineSettings {
  readonly model: string;
  readonly numCtx: number;
  readonly maxTokens: number;
  /** hearth.completion.template when not "auto". */
  readonly template?: FimFamily;
  readonly whileChatStreams: 'wait' | 'pause';
}

export interface CompletionPipelineDeps {
  readonly backend: CompletionBackend;
  readonly settings: () => PipelineSettings;
  readonly clock: Clock;
  readonly log: Logger;
  readonly scheduler: Pick<CompletionScheduler, 'request' | 'noteKeystroke' | 'noteEdit' | 'busy' | 'cancel'>;
  readonly cache: Pick<CompletionCache, 'lookup' | 'store' | 'forgetDocument' | 'clear'>;
  readonly estimator: CharsPerTokenEstimator;
  readonly stats: CompletionStats;
  readonly arbiter: GpuArbiter;
  readonly backoff: ModelBackoff<OllamaFailure>;
  /** False while the connection monitor knows the daemon is down: nothing is sent then. */
  readonly daemonAvailable: () => boolean;
  /** Stop a stream as soon as the answer is complete; off only for the benchmark's naive baseline. */
  readonly stopEarly?: boolean;
  /** Propose what follows a complete line when nothing fits in its middle (see afterLineQuery); off only for the naive baseline. */
  readonly proposeAfterLine?: boolean;
  /**
   * Milliseconds on the clock `overheadMs` is measured with; performance.now()
   * by default. The benchmark passes its process's CPU time, so that another
   * process taking the CPU mid-section does not count as Hearth's work.
   */
  readonly workClock?: () => number;
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

/**
 * One inline completion from the editor's text to the text to show. Per
 * call: resolve the model and its transport, cut the prompt windows (the
 * cache key), serve a cache hit at once, otherwise let the scheduler decide
 * when the request runs, stream it and stop at the end of the answer, then
 * post-process and cache the result. Failures become outcomes, never throws.
 */
export class CompletionPipeline {
  private readonly previousSnippets = new Map<string, readonly ContextFile[]>();
  private readonly snippetWindows = new SnippetWindowCache();
  private readonly lastShown = new Map<string, string>();
  private readonly documents = new Set<string>();
  /** The model's facts from the last request, so an edit can be judged without waiting for them. */
  private readonly models = new Map<string, ModelInfo>();
  private nextRequestId = 1;
  /** Scheduler requests → the id of the model request that ran for them (a reused answer names its source). */
  private readonly requestIds = new WeakMap<object, number>();
  private readonly requestEmitter = new Emitter<CompletionRequestRecord>();
  readonly onDidFinishRequest: Event<CompletionRequestRecord> = this.requestEmitter.event;

  private readonly workNow: () => number;
  private readonly tokenCounts: TokenCountProbe;

  constructor(private readonly deps: CompletionPipelineDeps) {
    this.workNow = deps.workClock ?? (() => performance.now());
    this.tokenCounts = new TokenCountProbe((request, signal) => deps.backend.generate(request, signal), deps.estimator, deps.log);
  }

  /**
   * The answer for the cursor. Where it is empty in the middle of a line
   * (the line is complete as it is), a second request, made at once, asks
   * what follows the line; its answer comes with `restOfLine`. Both are
   * cached under their own positions, so walking back serves both again.
   */
  async complete(query: CompletionQuery, signal: AbortSignal): Promise<CompletionOutcome> {
    const here = await this.completeAt(query, signal, false);
    if (here.kind !== 'answer' || here.text !== '' || signal.aborted) return here;
    if (this.deps.proposeAfterLine === false || query.proposeAfterLine === false) return here;
    const after = afterLineQuery(query);
    if (after === undefined) return here;
    const next = await this.completeAt(after.query, signal, true);
    if (next.kind === 'failed') return next;
    if (next.kind !== 'answer') return here;
    const overheadMs = here.overheadMs + next.overheadMs;
    if (next.text === '') return { ...here, overheadMs, ...(next.requestId !== undefined ? { emptyRequestIds: [next.requestId] } : {}) };
    return { ...next, overheadMs, restOfLine: after.restOfLine, ...(here.requestId !== undefined ? { emptyRequestIds: [here.requestId] } : {}) };
  }

  /** `followUp`: asked by complete() itself right after an answer here, not by a keystroke: no debounce, no typing rhythm. */
  private async completeAt(query: CompletionQuery, signal: AbortSignal, followUp: boolean): Promise<CompletionOutcome> {
    const settings = this.deps.settings();
    const model = settings.model;
    if (model === '') return { kind: 'skipped', reason: 'noModel' };
    const blocked = this.deps.backoff.blocked(model);
    // A transient cool-down yields to an explicit request; what only the user can fix does not.
    if (blocked !== undefined && (blocked.sticky || !query.explicit)) return { kind: 'skipped', reason: 'blocked', failure: blocked.failure };
    const found = await this.deps.backend.findModel(model, signal);
    if (signal.aborted) return { kind: 'skipped', reason: 'cancelled' };
    if (!found.ok) return { kind: 'skipped', reason: 'unavailable', failure: found.failure };
    const info = found.value;
    if (info === undefined) return this.fail(model, modelMissingFailure(model, this.deps.backend.hostLabel));
    const transport = transportFor({ name: info.name, capabilities: info.capabilities, template: info.template }, settings.template);
    if (transport.kind === 'unsupported') return this.fail(model, noFimFailure(model, transport.reason));

    this.models.set(model, info);
    const t0 = this.workNow();
    const limits = { numCtx: settings.numCtx, maxTokens: settings.maxTokens };
    const window = completionWindow(query, info, limits, this.deps.estimator.charsPerToken(model));
    const { position } = window;
    this.documents.add(query.docKey);
    const hit = this.deps.cache.lookup(position);
    if (hit !== undefined) {
      if (!query.explicit && !followUp) this.deps.scheduler.noteKeystroke(position);
      const origin = hit.kind === 'exact' ? 'cache' : 'typeThrough';
      // Typing through a suggestion keeps showing the same one: not counted again.
      if (origin === 'cache') this.noteShown(model, position, hit.completion);
      return { kind: 'answer', text: hit.completion, origin, model, overheadMs: this.workNow() - t0, ...(hit.source !== undefined ? { requestId: hit.source } : {}) };
    }
    if (!this.deps.daemonAvailable()) return { kind: 'skipped', reason: 'daemonDown' };
    if (settings.whileChatStreams === 'pause' && this.deps.arbiter.chatStreaming) return { kind: 'skipped', reason: 'chatStreaming' };

    const previous = this.previousSnippets.get(query.docKey);
    const prepared = prepareRequest(query, window, info, transport, limits, { cache: this.snippetWindows, ...(previous !== undefined ? { previous } : {}) });
    this.previousSnippets.set(query.docKey, prepared.snippets);
    // After a likely typo the user is about to press Backspace: wait for it rather than ask about the typo.
    const hold = !followUp && likelyTypo(position.prefix, position.suffix);
    const scheduled = { ...position, explicit: query.explicit || followUp, ...(hold ? { minDelayMs: TYPO_HOLD_MS } : {}) };
    const own: OwnRequest = { streamOverheadMs: 0 };
    const start = this.starter(model, window, prepared, settings, own, (id) => this.requestIds.set(scheduled, id));
    let overheadMs = this.workNow() - t0;

    const result = await this.deps.scheduler.request(scheduled, start, signal);
    switch (result.kind) {
      case 'completed': {
        const t1 = this.workNow();
        // The request this call started has post-processed its answer already;
        // a reused one answered another position, so its rest is judged here.
        const mine = !result.reused && own.answer !== undefined;
        const text = mine ? (own.answer ?? '') : postProcessCompletion({ ...prepared.text, raw: result.text });
        const requestId = this.requestIds.get(result.source);
        if (!mine) this.deps.cache.store(position, text, requestId);
        overheadMs += this.workNow() - t1 + (mine ? own.streamOverheadMs : 0);
        if (text !== '') this.noteShown(model, position, text);
        return { kind: 'answer', text, origin: result.reused ? 'reused' : 'model', model, overheadMs, ...(requestId !== undefined ? { requestId } : {}) };
      }
      case 'superseded':
      case 'cancelled':
        return { kind: 'skipped', reason: result.kind };
      case 'failed':
        return this.requestFailed(model, result.error);
      default: {
        const unreachable: never = result;
        return unreachable;
      }
    }
  }

  /**
   * The user edited the document (called on every change, before VS Code
   * asks again): a request for an older position is aborted now instead of
   * holding the daemon until the next provider call. `query` describes the
   * new cursor position; it is only built while a request is under way.
   */
  noteEdit(docKey: string, query: () => CompletionQuery): void {
    if (!this.deps.scheduler.busy(docKey)) return;
    const settings = this.deps.settings();
    const info = this.models.get(settings.model);
    if (info === undefined) return;
    const window = completionWindow(query(), info, { numCtx: settings.numCtx, maxTokens: settings.maxTokens }, this.deps.estimator.charsPerToken(settings.model));
    this.deps.scheduler.noteEdit(window.position);
  }

  /** The document closed: stop its request and drop what was cached for it. */
  forget(docKey: string): void {
    this.deps.scheduler.cancel(docKey);
    this.deps.cache.forgetDocument(docKey);
    this.previousSnippets.delete(docKey);
    this.lastShown.delete(docKey);
    this.documents.delete(docKey);
  }

  /** Aborts every pending and running request (completions paused or turned off). */
  cancelAll(): void {
    for (const docKey of this.documents) this.deps.scheduler.cancel(docKey);
    this.tokenCounts.yieldToRequest();
  }

  /** Another model or template answers from now on: earlier answers and failures no longer apply. */
  reset(): void {
    this.cancelAll();
    this.models.clear();
    this.deps.cache.clear();
    this.deps.backoff.reset();
    this.previousSnippets.clear();
    this.lastShown.clear();
  }

  /** The daemon came back or its models changed: a missing model may be there now. */
  resetFailures(): void {
    this.deps.backoff.reset();
  }

  dispose(): void {
    this.cancelAll();
    this.requestEmitter.dispose();
  }

  /** The request itself: waits for the GPU if chat has it, streams, stops at the end of the answer. */
  private starter(
    model: string,
    window: CompletionWindow,
    prepared: PreparedRequest,
    settings: PipelineSettings,
    own: OwnRequest,
    onId: (id: number) => void,
  ): StartCompletion {
    const { position, numCtx } = window;
    return async (signal, onPartial) => {
      const id = this.nextRequestId++;
      onId(id);
      const startedAt = this.deps.clock.now();
      // Latency counts from when the daemon is asked, not from the wait for chat to finish.
      let sentAt = startedAt;
      let raw = '';
      let end: CompletionRequestRecord['end'] = 'failed';
      let stats: GenerationStats | undefined;
      let error: unknown;
      try {
        if (settings.whileChatStreams === 'wait' && !(await this.deps.arbiter.whenIdle(signal))) {
          throw new DOMException('superseded while waiting for chat', 'AbortError');
        }
        this.tokenCounts.yieldToRequest();
        sentAt = this.deps.clock.now();
        for await (const event of this.deps.backend.generate(prepared.request, signal)) {
          if (event.kind === 'done') stats = event.stats;
          if (event.kind !== 'text') continue;
          raw += event.text;
          onPartial(raw);
          if (this.deps.stopEarly === false) continue;
          const t = this.workNow();
          const complete = isStreamComplete(raw, prepared.text);
          own.streamOverheadMs += this.workNow() - t;
          // Leaving the loop closes the HTTP request: the daemon stops generating.
          if (complete) {
            end = 'stopped';
            break;
          }
        }
        if (end !== 'stopped') end = 'complete';
      } catch (e) {
        error = e;
        end = signal.aborted || isCancelled(e) ? 'aborted' : 'failed';
        throw e;
      } finally {
        const endedAt = this.deps.clock.now();
        this.deps.log.info(describeRequest(id, prepared, end, raw, endedAt - startedAt, stats, error));
        this.requestEmitter.fire({ id, model, request: prepared.request, end, raw, startedAt, endedAt });
      }
      this.deps.stats.recordLatency(model, this.deps.clock.now() - sentAt);
      if (stats !== undefined) this.deps.estimator.observe(model, prepared.promptChars, stats.promptTokens, numCtx);
      else if (end === 'stopped' && window.cut && this.tokenCounts.wanted(model)) {
        this.tokenCounts.probe({ model, request: prepared.request, promptChars: prepared.promptChars, numCtx });
      }
      this.deps.backoff.succeed(model);
      const t = this.workNow();
      own.answer = postProcessCompletion({ ...prepared.text, raw });
      // Cached for this position even if its caller has gone: walking back to it shows it at once.
      this.deps.cache.store(position, own.answer, id);
      own.streamOverheadMs += this.workNow() - t;
      return raw;
    };
  }

  private requestFailed(model: string, error: unknown): CompletionOutcome {
    const failure = error instanceof OllamaError ? error.failure : toOllamaFailure(error, { host: this.deps.backend.hostLabel, model });
    if (failure.kind === 'cancelled') return { kind: 'skipped', reason: 'cancelled' };
    // The connection monitor notices and reports these; per keystroke they would be noise.
    if (failure.kind === 'unreachable' || failure.kind === 'invalidHost') return { kind: 'skipped', reason: 'unavailable', failure };
    return this.fail(model, failure);
  }

  private fail(model: string, failure: OllamaFailure): CompletionOutcome {
    const sticky = failure.kind === 'modelMissing' || failure.kind === 'noInsert';
    if (this.deps.backoff.fail(model, failure, sticky)) this.deps.log.warn(`Completions with ${model}: ${failure.detail}`);
    return { kind: 'failed', failure, model };
  }

  /** Counts distinct suggestions: the same text at the same place again (a re-trigger) is not a new one. */
  private noteShown(model: string, position: CompletionPosition, text: string): void {
    if (text === '') return;
    const key = `${position.prefix.length}\u0000${position.prefix.slice(-200)}\u0000${text}`;
    if (this.lastShown.get(position.docKey) === key) return;
    this.lastShown.set(position.docKey, key);
    this.deps.stats.recordShown(model);
  }
}

interface OwnRequest {
  /** Post-processed for the position the request was made for. */
  answer?: string;
  streamOverheadMs: number;
}

function isCancelled(error: unknown): boolean {
  if (error instanceof OllamaError) return error.failure.kind === 'cancelled';
  return error instanceof Error && error.name === 'AbortError';
}
