import { Emitter } from '../core/emitter';
import type { Event } from '../core/emitter';
import type { Logger } from '../core/logger';
import { displayHost } from '../core/ollamaHost';
import { findModel } from '../core/modelName';
import { OllamaError, invalidHostFailure } from '../core/engine/ollamaFailure';
import type { OllamaFailure, Result } from '../core/engine/ollamaFailure';
import type { ModelServer } from '../core/engine/modelServer';
import type { ConnectionConfig } from '../core/connection/connectionConfig';
import type { Activity, ChatRequest, GenerateRequest, GenerationStats, LoadedModel, ModelInfo, PullProgress, StreamEvent, ToolChatRequest, ToolStreamEvent } from '../core/engine/engineTypes';
import { RequestActivity } from '../ollama/requestActivity';
import { RequestGuard } from '../ollama/requestGuard';
import { DEFAULT_TIMEOUTS } from '../ollama/ollamaService';
import type { OllamaServiceTimeouts } from '../ollama/ollamaService';
import { decodeChatChunk, decodeCompletionChunk, decodeInfillChunk } from './openAiChunks';
import type { ChunkDecoder } from './openAiChunks';
import { toOpenAiFailure } from './openAiFailure';
import { OpenAiIncompleteError, getJson, postEvents } from './openAiHttp';
import type { HttpTarget } from './openAiHttp';
import { modelEntries, probeServer, toModelInfo } from './openAiModels';
import type { ServerFacts } from './openAiModels';
import { chatBody, completionBody, infillBody } from './openAiRequests';
import { ToolCallAssembler } from './toolCallAssembler';

export interface OpenAiOptions {
  /** hearth.openai.capabilities: per model, what it can do. */
  readonly capabilities: Readonly<Record<string, readonly string[]>>;
}

/**
 * ModelServer over an OpenAI-compatible server (vLLM, llama-server, LM
 * Studio): chat and the agent over /v1/chat/completions, completions over
 * /v1/completions or, on llama-server, /infill. Like OllamaService, every
 * request carries an AbortSignal that closes its HTTP connection (which stops
 * generation at the server) and every failure becomes an OllamaFailure of
 * the same kinds. What only Ollama has (pulls, /api/ps, keep_alive) is not
 * faked: loadedModels reports nothing and pull fails with a clear message.
 */
export class OpenAiService implements ModelServer {
  private models: readonly ModelInfo[] | undefined;
  private facts: ServerFacts | undefined;
  private readonly requests = new RequestActivity();
  readonly onDidChangeActivity: Event<Activity> = this.requests.onDidChange;
  private readonly unreachableEmitter = new Emitter<void>();
  readonly onDidFindUnreachable: Event<void> = this.unreachableEmitter.event;

  constructor(
    private readonly config: () => ConnectionConfig,
    private readonly options: () => OpenAiOptions,
    private readonly log: Logger,
    private readonly timeouts: OllamaServiceTimeouts = DEFAULT_TIMEOUTS,
  ) {}

  get hostLabel(): string {
    return displayHost(this.config().host);
  }

  get cachedModels(): readonly ModelInfo[] | undefined {
    return this.models;
  }

  get activity(): Activity {
    return this.requests.current;
  }

  /** The server's name and version ("vLLM 0.11.0"); /v1/models first, which also checks the key. */
  async version(signal?: AbortSignal): Promise<Result<string>> {
    return this.metadata('version', signal, async (target, s) => {
      const list = modelEntries(await getJson(target, '/v1/models', s));
      this.facts = await probeServer(target, list.map((m) => (typeof m.owned_by === 'string' ? m.owned_by : '')), s);
      return this.facts.label;
    });
  }

  async listModels(options: { refresh?: boolean; signal?: AbortSignal } = {}): Promise<Result<readonly ModelInfo[]>> {
    if (this.models && !options.refresh) return { ok: true, value: this.models };
    const result = await this.metadata('models', options.signal, async (target, s) => {
      const list = modelEntries(await getJson(target, '/v1/models', s));
      this.facts ??= await probeServer(target, list.map((m) => (typeof m.owned_by === 'string' ? m.owned_by : '')), s);
      const facts = this.facts;
      return list.map((entry) => toModelInfo(entry, facts, this.options().capabilities)).sort((a, b) => a.name.localeCompare(b.name));
    });
    if (result.ok) this.models = result.value;
    return result;
  }

  invalidateModels(): void {
    this.models = undefined;
    this.facts = undefined;
  }

  async findModel(name: string, signal?: AbortSignal): Promise<Result<ModelInfo | undefined>> {
    const list = await this.listModels(signal ? { signal } : {});
    return list.ok ? { ok: true, value: findModel(list.value, name) } : list;
  }

  /** These servers keep their models loaded and do not list them apart: nothing to report (the Status tab says so). */
  loadedModels(): Promise<Result<readonly LoadedModel[]>> {
    return Promise.resolve({ ok: true, value: [] });
  }

  /** Inline completions: /infill on llama-server for the `suffix` transport, else /v1/completions. */
  async *generate(request: GenerateRequest, signal: AbortSignal): AsyncGenerator<StreamEvent, void, undefined> {
    const chars = request.prompt.length + (request.suffix?.length ?? 0);
    // The route depends on the server kind, normally known from the connection check.
    if (request.suffix !== undefined && this.facts === undefined) await this.version(signal);
    const infill = request.suffix !== undefined && this.facts?.flavor === 'llama-server';
    const start = infill
      ? (t: HttpTarget, s: AbortSignal) => postEvents(t, '/infill', infillBody(request), s)
      : (t: HttpTarget, s: AbortSignal) => postEvents(t, '/v1/completions', completionBody(request), s);
    for await (const event of this.stream(infill ? 'infill' : 'completion', request.model, chars, signal, start, infill ? decodeInfillChunk : decodeCompletionChunk)) {
      if (event.kind !== 'toolCalls') yield event;
    }
  }

  async *chat(request: ChatRequest, signal: AbortSignal): AsyncGenerator<StreamEvent, void, undefined> {
    for await (const event of this.chatWithTools({ ...request, tools: [] }, signal)) {
      if (event.kind !== 'toolCalls') yield event;
    }
  }

  chatWithTools(request: ToolChatRequest, signal: AbortSignal): AsyncGenerator<ToolStreamEvent, void, undefined> {
    const chars = request.messages.reduce((n, m) => n + m.content.length, 0);
    return this.stream('chat', request.model, chars, signal, (t, s) => postEvents(t, '/v1/chat/completions', chatBody(request, request.tools), s), decodeChatChunk);
  }

  /** The OpenAI-compatible API has no downloads: models are whatever the server was started with. */
  // eslint-disable-next-line require-yield, @typescript-eslint/require-await
  async *pull(model: string, _signal?: AbortSignal): AsyncGenerator<PullProgress, void, undefined> {
    const failure: OllamaFailure = {
      kind: 'badRequest',
      message: `An OpenAI-compatible server cannot download models: start ${this.hostLabel} with "${model}" instead (e.g. vllm serve ${model}).`,
      detail: 'pull is not part of the OpenAI-compatible API',
      model,
      actions: [{ id: 'openSettings', label: 'Open Settings' }],
    };
    throw new OllamaError(failure);
  }

  /** The server loaded its model at start-up: no request is needed (nor possible without generating). */
  warm(): Promise<Result<GenerationStats>> {
    return Promise.resolve({ ok: true, value: { doneReason: 'load', totalMs: 0, loadMs: 0, promptTokens: 0, promptEvalMs: 0, evalTokens: 0, evalMs: 0 } });
  }

  dispose(): void {
    this.requests.dispose();
    this.unreachableEmitter.dispose();
  }

  private target(): HttpTarget {
    const { host, headers } = this.config();
    // hearth.openai.host may name the /v1 base; /infill and /props live at the root.
    return { root: host.url.replace(/\/v1$/, ''), headers };
  }

  private async metadata<T>(what: string, signal: AbortSignal | undefined, call: (target: HttpTarget, signal: AbortSignal) => Promise<T>): Promise<Result<T>> {
    const invalid = this.config().invalidHost;
    if (invalid) return { ok: false, failure: invalidHostFailure(invalid) };
    const guard = new RequestGuard(signal);
    guard.arm(this.timeouts.metadataMs);
    try {
      return { ok: true, value: await call(this.target(), guard.signal) };
    } catch (error) {
      const failure = toOpenAiFailure(error, { host: this.hostLabel, timedOut: guard.timedOut });
      if (failure.kind === 'unreachable') this.log.debug(`${what} failed: ${failure.detail}`);
      else if (failure.kind !== 'cancelled') this.log.warn(`${what} failed: ${failure.detail}`);
      return { ok: false, failure };
    } finally {
      guard.dispose();
    }
  }

  private async *stream(
    kind: string,
    model: string,
    promptChars: number,
    signal: AbortSignal,
    start: (target: HttpTarget, signal: AbortSignal) => AsyncIterable<Record<string, unknown>>,
    decode: ChunkDecoder,
  ): AsyncGenerator<ToolStreamEvent, void, undefined> {
    const invalid = this.config().invalidHost;
    if (invalid) throw new OllamaError(invalidHostFailure(invalid));
    const guard = new RequestGuard(signal);
    const id = this.requests.begin(model, 'generating');
    const started = Date.now();
    let firstAt: number | undefined;
    let finish: string | undefined;
    let usage = { promptTokens: 0, evalTokens: 0 };
    let timings: { promptMs: number; evalMs: number } | undefined;
    let finished = false;
    const calls = new ToolCallAssembler();
    guard.arm(this.timeouts.firstChunkMs);
    try {
      for await (const event of start(this.target(), guard.signal)) {
        guard.arm(this.timeouts.idleMs);
        const chunk = decode(event);
        if (chunk.events.length > 0) firstAt ??= Date.now();
        for (const e of chunk.events) {
          if (e.kind === 'toolCalls') calls.add(e.calls);
          else yield e;
        }
        finish = chunk.finish ?? finish;
        usage = chunk.usage ?? usage;
        timings = chunk.timings ?? timings;
      }
      if (finish === undefined) throw new OpenAiIncompleteError();
      const whole = calls.take();
      if (whole.length > 0) yield { kind: 'toolCalls', calls: whole };
      finished = true;
      const end = Date.now();
      const first = firstAt ?? end;
      const stats: GenerationStats = {
        doneReason: finish,
        totalMs: end - started,
        loadMs: 0,
        promptTokens: usage.promptTokens,
        promptEvalMs: timings?.promptMs ?? first - started,
        evalTokens: usage.evalTokens,
        evalMs: timings?.evalMs ?? end - first,
      };
      this.log.info(`${kind} ${model}: ${promptChars} chars → ${stats.promptTokens} prompt tokens, ${stats.evalTokens} generated (${finish}) in ${stats.totalMs} ms`);
      yield { kind: 'done', stats };
    } catch (error) {
      const failure = toOpenAiFailure(error, { host: this.hostLabel, model, timedOut: guard.timedOut, midStream: firstAt !== undefined });
      if (failure.kind === 'cancelled') this.log.debug(`${kind} ${model}: cancelled after ${Date.now() - started} ms`);
      else this.log.warn(`${kind} ${model} failed after ${Date.now() - started} ms: ${failure.detail}`);
      if (failure.kind === 'unreachable') this.unreachableEmitter.fire();
      throw new OllamaError(failure);
    } finally {
      // Also on `break`/`return` by the consumer: the connection must close then too.
      if (!finished) guard.abort();
      guard.dispose();
      this.requests.end(id);
    }
  }
}
