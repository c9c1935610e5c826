import type { ConnectionConfig } from '../core/connection/connectionConfig';
import { Emitter } from '../core/emitter';
import type { Event } from '../core/emitter';
import type { Activity, ChatRequest, GenerateRequest, GenerationStats, LoadedModel, ModelInfo, PullProgress, StreamEvent, ToolChatRequest, ToolStreamEvent } from '../core/engine/engineTypes';
import type { ModelServer } from '../core/engine/modelServer';
import type { Result } from '../core/engine/ollamaFailure';
import type { RequestRecorder } from '../core/inspector/inspectorRecorder';
import type { RequestTrace } from '../core/inspector/requestTrace';
import type { Logger } from '../core/logger';
import type { EngineKind, HearthSettings } from '../core/settings/hearthSettings';
import { OllamaService } from '../ollama/ollamaService';
import { OpenAiService } from './openAiService';

export type DisposableModelServer = ModelServer & { dispose(): void };

/**
 * The one ModelServer every feature gets: it follows hearth.engine (see
 * EngineSwitch). `recorder` is the inspector's; Ollama's requests are
 * recorded byte for byte, the OpenAI engine's are not yet.
 */
export function createModelServer(settings: () => HearthSettings, connection: () => ConnectionConfig, log: Logger, recorder?: RequestRecorder): DisposableModelServer {
  return new EngineSwitch(
    () => settings().engine,
    (kind) =>
      kind === 'openai'
        ? new OpenAiService(connection, () => ({ capabilities: settings().openai.capabilities }), log)
        : new OllamaService(connection, log, undefined, recorder),
  );
}

/**
 * Hands each call to the server of the engine configured now, so a change of
 * hearth.engine takes effect without a reload and features never learn which
 * engine serves them. Each engine's service is made once and kept: a stream
 * started on one finishes there (and closes its own connection) after a
 * switch. Activity and unreachable events of both are passed on.
 */
export class EngineSwitch implements DisposableModelServer {
  private readonly servers = new Map<EngineKind, DisposableModelServer>();
  private readonly activityEmitter = new Emitter<Activity>();
  private readonly unreachableEmitter = new Emitter<void>();
  readonly onDidChangeActivity: Event<Activity> = this.activityEmitter.event;
  readonly onDidFindUnreachable: Event<void> = this.unreachableEmitter.event;
  private readonly subscriptions: { dispose(): void }[] = [];

  constructor(
    private readonly engine: () => EngineKind,
    private readonly make: (kind: EngineKind) => DisposableModelServer,
  ) {}

  get hostLabel(): string { return this.current.hostLabel; }
  get cachedModels(): readonly ModelInfo[] | undefined { return this.current.cachedModels; }
  get activity(): Activity { return this.current.activity; }

  version(signal?: AbortSignal): Promise<Result<string>> { return this.current.version(signal); }
  listModels(options?: { refresh?: boolean; signal?: AbortSignal }): Promise<Result<readonly ModelInfo[]>> { return this.current.listModels(options); }
  invalidateModels(): void { this.current.invalidateModels(); }
  findModel(name: string, signal?: AbortSignal): Promise<Result<ModelInfo | undefined>> { return this.current.findModel(name, signal); }
  loadedModels(signal?: AbortSignal): Promise<Result<readonly LoadedModel[]>> { return this.current.loadedModels(signal); }
  generate(request: GenerateRequest, signal: AbortSignal, trace?: RequestTrace): AsyncIterable<StreamEvent> { return this.current.generate(request, signal, trace); }
  chat(request: ChatRequest, signal: AbortSignal, trace?: RequestTrace): AsyncIterable<StreamEvent> { return this.current.chat(request, signal, trace); }
  chatWithTools(request: ToolChatRequest, signal: AbortSignal, trace?: RequestTrace): AsyncIterable<ToolStreamEvent> { return this.current.chatWithTools(request, signal, trace); }
  pull(model: string, signal: AbortSignal): AsyncIterable<PullProgress> { return this.current.pull(model, signal); }
  warm(model: string, signal?: AbortSignal): Promise<Result<GenerationStats>> { return this.current.warm(model, signal); }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    for (const server of this.servers.values()) server.dispose();
    this.activityEmitter.dispose();
    this.unreachableEmitter.dispose();
  }

  private get current(): DisposableModelServer {
    const kind = this.engine();
    let server = this.servers.get(kind);
    if (!server) {
      server = this.make(kind);
      this.servers.set(kind, server);
      this.subscriptions.push(
        server.onDidChangeActivity((a) => this.activityEmitter.fire(a)),
        server.onDidFindUnreachable(() => this.unreachableEmitter.fire()),
      );
    }
    return server;
  }
}
