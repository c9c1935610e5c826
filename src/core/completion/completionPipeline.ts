// Pure: the editor-independent flow of one inline completion (model facts →
// windows → cache → scheduler → stream → post-processing). The provider adapts
// it to VS Code; the benchmark drives it with a virtual document. Built by
// createCompletionPipeline, for the extension, the tests and the benchmark alike.
import type { CompletionCache, CompletionPosition } from './completionCache';
import type { CharsPerTokenEstimator } from './charsPerToken';
import type { CompletionScheduler } from './completionScheduler';
import { SnippetWindowCache } from './contextSnippets';
import type { CompletionStats } from './completionStats';
import { transportFor } from './fimTransport';
import type { ContextFile } from './fimTemplates';
import type { GpuArbiter } from './gpuArbiter';
import type { ModelBackoff } from './modelBackoff';
import { postProcessCompletion } from './postProcess';
import { TYPO_HOLD_MS, likelyTypo } from './typoGuard';
import type { Event } from '../emitter';
import type { Logger } from '../logger';
import { OllamaError, modelMissingFailure, noFimFailure, toOllamaFailure } from '../engine/ollamaFailure';
import type { OllamaFailure } from '../engine/ollamaFailure';
import type { ModelInfo } from '../engine/engineTypes';
import type { CompletionBackend, CompletionOutcome, CompletionRequestRecord, PipelineSettings } from './completionOutcome';
import { afterLineQuery, completionWindow, prepareRequest } from './completionRequest';
import type { CompletionQuery } from './completionRequest';
import type { ModelAnswer, ModelRequests } from './modelRequests';
import type { TokenCountProbe } from './tokenCountProbe';

/** What the pipeline is made of; createCompletionPipeline builds it. */
export interface CompletionPipelineParts {
  readonly backend: CompletionBackend;
  readonly settings: () => PipelineSettings;
  readonly log: Logger;
  readonly scheduler: Pick<CompletionScheduler<ModelAnswer>, 'request' | 'noteKeystroke' | 'noteEdit' | 'busy' | 'cancel' | 'dispose'>;
  readonly cache: Pick<CompletionCache, 'lookup' | 'store' | 'forgetDocument' | 'clear'>;
  readonly requests: ModelRequests;
  readonly tokenCounts: TokenCountProbe;
  readonly estimator: CharsPerTokenEstimator;
  readonly stats: CompletionStats;
  readonly arbiter: GpuArbiter;
  readonly backoff: ModelBackoff<OllamaFailure>;
  /** False while the connection monitor knows the daemon is down: nothing is sent then. */
  readonly daemonAvailable: () => boolean;
  /** Propose what follows a complete line when nothing fits in its middle (see afterLineQuery). */
  readonly proposeAfterLine: boolean;
  /** Milliseconds on the clock overheadMs is measured with. */
  readonly workNow: () => number;
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
  /** Every model request, when it ends (the benchmark and the tests listen). */
  readonly onDidFinishRequest: Event<CompletionRequestRecord>;
  private readonly workNow: () => number;

  constructor(private readonly deps: CompletionPipelineParts) {
    this.workNow = deps.workNow;
    this.onDidFinishRequest = deps.requests.onDidFinish;
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
    if (!this.deps.proposeAfterLine || query.proposeAfterLine === false) return here;
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
    const start = this.deps.requests.starter({ model, window, prepared, whileChatStreams: settings.whileChatStreams });
    let overheadMs = this.workNow() - t0;

    const result = await this.deps.scheduler.request(scheduled, start, signal);
    switch (result.kind) {
      case 'completed': {
        const t1 = this.workNow();
        const ran = result.result;
        // The request this call started has post-processed its answer already;
        // a reused one answered another position, so its rest is judged here.
        const text = result.reused ? postProcessCompletion({ ...prepared.text, raw: result.text }) : ran.answer;
        if (result.reused) this.deps.cache.store(position, text, ran.id);
        overheadMs += this.workNow() - t1 + (result.reused ? 0 : ran.overheadMs);
        if (text !== '') this.noteShown(model, position, text);
        return { kind: 'answer', text, origin: result.reused ? 'reused' : 'model', model, overheadMs, requestId: ran.id };
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
    this.deps.tokenCounts.yieldToRequest();
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
    this.deps.scheduler.dispose();
    this.deps.requests.dispose();
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
