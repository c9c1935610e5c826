// What Hearth asks a model server and what it answers, whatever the server
// speaks on the wire: model facts, requests, stream events, statistics. The
// ModelServer interface (modelServer.ts) is written in these terms; src/ollama
// maps them to and from Ollama's API.

export type ModelCapability = 'completion' | 'insert' | 'tools' | 'thinking' | 'vision' | 'embedding';

export interface ModelInfo {
  readonly name: string;
  readonly digest: string;
  readonly sizeBytes: number;
  readonly family: string;
  readonly parameterSize: string;
  readonly quantization: string;
  readonly capabilities: readonly ModelCapability[];
  /** True when capabilities came from the daemon, false when inferred (older servers). */
  readonly capabilitiesReported: boolean;
  readonly contextLength?: number;
  readonly template: string;
}

export interface LoadedModel {
  readonly name: string;
  readonly sizeBytes: number;
  readonly sizeVramBytes: number;
  readonly expiresAt: string;
  readonly contextLength?: number;
}

/** From the final chunk of a stream; durations in milliseconds. */
export interface GenerationStats {
  readonly doneReason: string;
  readonly totalMs: number;
  readonly loadMs: number;
  readonly promptTokens: number;
  readonly promptEvalMs: number;
  readonly evalTokens: number;
  readonly evalMs: number;
}

export type StreamEvent =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'thinking'; readonly text: string }
  | { readonly kind: 'done'; readonly stats: GenerationStats };

export interface GenerateRequest {
  readonly model: string;
  readonly prompt: string;
  readonly suffix?: string;
  readonly raw?: boolean;
  readonly system?: string;
  readonly think?: boolean;
  readonly options?: Readonly<Record<string, unknown>>;
}

export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

export interface ChatRequest {
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly think?: boolean;
  readonly options?: Readonly<Record<string, unknown>>;
}

export type ActivityPhase = 'idle' | 'loading' | 'generating';

export interface Activity {
  readonly phase: ActivityPhase;
  readonly inFlight: number;
  /** The model of the most recent request still running. */
  readonly model?: string;
}

/** One line of /api/pull progress. Layer lines carry the digest and byte counts; the last says 'success'. */
export interface PullProgress {
  readonly status: string;
  readonly digest?: string;
  readonly total?: number;
  readonly completed?: number;
}

/** Generated tokens per second of wall time at the server; undefined when it reports no eval time. */
export function tokensPerSecond(stats: Pick<GenerationStats, 'evalTokens' | 'evalMs'>): number | undefined {
  return stats.evalMs > 0 ? (stats.evalTokens * 1000) / stats.evalMs : undefined;
}

/**
 * Finds an installed model by the name a setting or the user gives. The
 * naming rule ("llama3.2" is "llama3.2:latest") belongs to the model catalog
 * (src/ollama/modelCatalog.ts); pure code that needs it is handed this.
 */
export type FindModel = (models: readonly ModelInfo[], name: string) => ModelInfo | undefined;
