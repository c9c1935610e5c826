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
  /**
   * For the `suffix` transport: the prefix without the header of other files,
   * and those files, for servers that take them apart from the prompt
   * (llama-server's /infill `input_extra`, which keeps them in its cache).
   */
  readonly infill?: { readonly prefix: string; readonly files: readonly { readonly path: string; readonly text: string }[] };
}

export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant' | 'tool';
  readonly content: string;
  /** On assistant messages: the calls it made, sent back with the history. */
  readonly tool_calls?: readonly AssistantToolCall[];
  /** On tool messages: the tool whose result this is. */
  readonly tool_name?: string;
}

/** A call in the history: arguments as an object (Ollama rejects a JSON string there). */
export interface AssistantToolCall {
  readonly function: { readonly name: string; readonly arguments: Readonly<Record<string, unknown>> };
}

export interface ChatRequest {
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly think?: boolean;
  readonly options?: Readonly<Record<string, unknown>>;
}

/** A tool offered to the model: its name, what it does, its arguments as a JSON Schema object. */
export interface ToolDefinition {
  readonly type: 'function';
  readonly function: { readonly name: string; readonly description: string; readonly parameters: Readonly<Record<string, unknown>> };
}

/** A chat request that offers tools; the model needs the `tools` capability. */
export interface ToolChatRequest extends ChatRequest {
  readonly tools: readonly ToolDefinition[];
}

/**
 * A call as it streams. Ollama sends each call whole with `arguments` as an
 * object; OpenAI-style servers send `arguments` as a JSON string in pieces
 * under one `index` (which also orders the calls of one message), which
 * OpenAiService joins and parses before handing the calls on.
 */
export interface StreamedToolCall {
  readonly function: { readonly index?: number; readonly name: string; readonly arguments: unknown };
}

/** chatWithTools' stream: chat's events plus the tool calls, which arrive in their own chunks. */
export type ToolStreamEvent = StreamEvent | { readonly kind: 'toolCalls'; readonly calls: readonly StreamedToolCall[] };

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
