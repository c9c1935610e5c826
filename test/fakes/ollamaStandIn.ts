import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { StandInExchange, parseJsonBody, readBody } from './standInExchange';
import { isRecord } from './standInGeneration';
import { handleGeneration } from './standInInference';
import type { StandInContext } from './standInInference';
import { ModelLoader } from './standInLoader';
import { defaultModels, findModel, psEntry, showResponse, tagsEntry } from './standInModels';
import { handlePull } from './standInPull';
import { STREAM_FAULT_KINDS } from './standInStream';
import { handleOpenAi } from './openAiStandIn';
import type { OpenAiMode } from './openAiStandIn';

export { defaultModels } from './standInModels';
export { wordTokens } from './standInGeneration';

export type Capability = 'completion' | 'insert' | 'tools' | 'thinking' | 'vision' | 'embedding';

export interface StandInModel {
  /** e.g. 'qwen2.5-coder:1.5b-base'; a request for 'x' matches 'x:latest'. */
  name: string;
  family: string;
  parameterSize: string;
  quantization: string;
  sizeBytes: number;
  /** Omitted from /api/show when `legacyShow` is true (servers before 0.6.4). */
  capabilities: Capability[];
  /** Go template text; contains '{{ .Suffix }}' when insert works. */
  template: string;
  /** Reported as model_info['<family>.context_length']; also caps the loaded context. */
  contextLength: number;
  legacyShow?: boolean;
  /** Share of the model in VRAM for /api/ps (default 1); below 1 means partly on CPU. */
  vramFraction?: number;
  license?: string;
  /** Modelfile PARAMETERs for /api/show, e.g. { stop: ['<EOT>'] }. */
  parameters?: Record<string, unknown>;
  /** ISO time for /api/tags; defaults to a fixed date so the order is stable. */
  modifiedAt?: string;
}

export interface LatencyModel {
  /** Added to the first request after the model is not loaded (reported as load_duration). */
  loadMs: number;
  /** Base delay before the first token. */
  timeToFirstTokenMs: number;
  /** Extra delay per prompt token not already in the prefix cache (tokens ≈ ceil(chars/4)). */
  perPromptTokenMs: number;
  /** Delay between generated tokens (and between pull progress lines). */
  perTokenMs: number;
}

export interface GenerationRequest {
  path: '/api/generate' | '/api/chat';
  model: string;
  body: Record<string, unknown>;
  /**
   * /api/chat: the messages the model gets to see. Like the daemon, the
   * stand-in silently drops the oldest non-system messages that do not fit
   * num_ctx (keeping the last one); a scripted model reads these.
   */
  visibleMessages?: Record<string, unknown>[];
}
export interface ScriptedReply {
  tokens: string[];
  /** Sent first, in `thinking` / `message.thinking`; only by models with the thinking capability, and not with think:false. */
  thinking?: string[];
  /** Reported when neither num_predict nor a stop string ended the reply first. */
  doneReason?: 'stop' | 'length';
}

export type Fault =
  | { kind: 'status'; status: number; error: string }
  | { kind: 'midStreamError'; afterTokens: number; error: string }
  | { kind: 'endWithoutDone'; afterTokens: number }
  | { kind: 'malformedLine'; afterTokens: number }
  | { kind: 'hang' }
  | { kind: 'hangAfterTokens'; afterTokens: number }
  /** Every token of the stream takes this much longer (a daemon partly on CPU, or busy with another client). */
  | { kind: 'slowStream'; perTokenMs: number };

export interface RecordedRequest {
  id: number;
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body (undefined for GET, or when it was not JSON). */
  body: unknown;
  /** The body as it arrived, decoded as UTF-8 ('' for GET): what the client really sent. */
  rawBody: string;
  startedAt: number;
  endedAt?: number;
  /**
   * clientClosed: the client closed the connection before the response ended.
   * fault: a fault was injected, or the stand-in itself dropped the connection (goDown/close).
   */
  outcome: 'pending' | 'completed' | 'clientClosed' | 'fault';
  /** Stream chunks written before the final line: tokens for generate/chat, progress lines for pull. */
  tokensSent: number;
  /** When the first stream chunk was written (generate/chat: the end of prompt evaluation, "prefill"). */
  firstTokenAt?: number;
  /** The generated text written so far (generate `response` / chat `message.content`; thinking excluded). */
  textSent?: string;
  /** HTTP status once the response ended. */
  status?: number;
  fault?: Fault['kind'];
  /** Estimated prompt tokens (ceil(chars/4)) before any truncation to the context. */
  promptTokens?: number;
  /** When a generation request got its model slot (with numParallel 1: when the GPU started on it). */
  slotAt?: number;
  /** The context length the request ran with (num_ctx, capped by the model). */
  numCtx?: number;
  /** /api/chat: messages the daemon dropped silently because the prompt did not fit num_ctx. */
  droppedMessages?: number;
}

export interface StandInOptions {
  port?: number;
  models?: StandInModel[];
  latency?: Partial<LatencyModel>;
  version?: string;
  /** What /api/pull can fetch, besides models already installed. */
  pullable?: StandInModel[];
  /** OLLAMA_NUM_PARALLEL per model; default Infinity (no queueing). Set 1 to see stale requests block. */
  numParallel?: number;
  /** OLLAMA_MAX_LOADED_MODELS; default Infinity. */
  maxLoadedModels?: number;
  /** num_ctx used when a request sets none (the daemon's 4096 on small GPUs). */
  defaultNumCtx?: number;
  /** Speak the OpenAI-compatible API as vLLM or llama-server does, instead of Ollama's (see openAiStandIn.ts). */
  openai?: OpenAiMode;
  /** Keep the Node process alive while listening (for the CLI). Tests leave it unset so a forgotten stand-in cannot hang mocha. */
  keepProcessAlive?: boolean;
}

interface FaultEntry { path: string; fault: Fault; remaining: number }

const ROUTES: Record<string, readonly string[]> = {
  '/': ['GET', 'HEAD'], '/api/version': ['GET', 'HEAD'], '/api/tags': ['GET', 'HEAD'], '/api/ps': ['GET'],
  '/api/show': ['POST'], '/api/generate': ['POST'], '/api/chat': ['POST'], '/api/pull': ['POST'],
};

/**
 * An in-process HTTP server that speaks Ollama's wire protocol (0.12.x) on
 * 127.0.0.1, records every request, and can be scripted, slowed, broken,
 * stopped and restarted. No global state: each instance is independent.
 */
export class OllamaStandIn {
  models: StandInModel[];
  latency: LatencyModel;
  version: string;
  pullable: StandInModel[];

  private portNumber = 0;
  private closedForGood = false;
  private nextId = 0;
  private replier: ((req: GenerationRequest) => ScriptedReply | undefined) | undefined;
  private faults: FaultEntry[] = [];
  private readonly recorded: RecordedRequest[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly sockets = new Set<Socket>();
  private socketPeak = 0;
  private readonly open = new Set<RecordedRequest>();
  private readonly droppedByServer = new WeakSet<RecordedRequest>();
  private readonly loader = new ModelLoader();
  private readonly server: Server;
  private readonly ctx: StandInContext;

  static async start(options: StandInOptions = {}): Promise<OllamaStandIn> {
    const standIn = new OllamaStandIn(options);
    await standIn.listen(options.port ?? 0);
    return standIn;
  }

  private constructor(private readonly options: StandInOptions) {
    this.models = options.models ?? defaultModels();
    this.latency = { loadMs: 0, timeToFirstTokenMs: 0, perPromptTokenMs: 0, perTokenMs: 0, ...options.latency };
    this.version = options.version ?? (options.openai?.flavor === 'vllm' ? '0.11.0' : options.openai ? 'b6900-4f1c2e5' : '0.12.6');
    this.pullable = options.pullable ?? [];
    this.loader.numParallel = options.numParallel ?? Infinity;
    this.loader.maxLoadedModels = options.maxLoadedModels ?? Infinity;
    this.loader.defaultNumCtx = options.defaultNumCtx ?? 4096;
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      this.socketPeak = Math.max(this.socketPeak, this.sockets.size);
      socket.on('close', () => this.sockets.delete(socket));
      if (!options.keepProcessAlive) socket.unref();
    });
    this.ctx = {
      models: () => this.models,
      pullable: () => this.pullable,
      latency: () => this.latency,
      loader: this.loader,
      scriptedReply: (req) => this.replier?.(req),
      version: () => this.version,
      takeStreamFault: (path) => this.takeFault(path, STREAM_FAULT_KINDS),
      notify: () => this.notify(),
    };
  }

  get port(): number { return this.portNumber; }
  get url(): string { return `http://127.0.0.1:${this.portNumber}`; }
  /** False between goDown() and comeUp(). */
  get isUp(): boolean { return this.server.listening; }
  get requests(): readonly RecordedRequest[] { return this.recorded; }
  /** Client connections open now (in use or idle in a keep-alive pool), and the most at once since start or the last resetSocketPeak(). */
  get openSockets(): number { return this.sockets.size; }
  get peakSockets(): number { return this.socketPeak; }
  resetSocketPeak(): void { this.socketPeak = this.sockets.size; }

  get numParallel(): number { return this.loader.numParallel; }
  set numParallel(n: number) { this.loader.numParallel = n; }
  get maxLoadedModels(): number { return this.loader.maxLoadedModels; }
  set maxLoadedModels(n: number) { this.loader.maxLoadedModels = n; }

  /** Scripts replies; returning undefined falls back to the default echo-ish snippet. */
  reply(fn: (req: GenerationRequest) => ScriptedReply | undefined): void { this.replier = fn; }

  /** Each matching request consumes one `times`. `path` is exact ('/api/generate') or '*'. */
  injectFault(path: string, fault: Fault, times = 1): void {
    if (times > 0) this.faults.push({ path, fault, remaining: times });
  }

  clearFaults(): void { this.faults = []; }

  requestsTo(path: string): RecordedRequest[] { return this.recorded.filter((r) => r.path === path); }

  /** Resolves with the first recorded request (past or future) matching `pred`; bodies are parsed by then. */
  waitForRequest(pred: (r: RecordedRequest) => boolean, timeoutMs = 2000): Promise<RecordedRequest> {
    return this.waitFor(() => this.recorded.find((r) => safely(pred, r)), timeoutMs,
      () => `no matching request; saw ${this.recorded.map((r) => `${r.method} ${r.path}`).join(', ') || 'none'}`);
  }

  waitForOutcome(r: RecordedRequest, timeoutMs = 2000): Promise<RecordedRequest['outcome']> {
    return this.waitFor(() => (r.outcome === 'pending' ? undefined : r.outcome), timeoutMs,
      () => `request #${r.id} ${r.path} still pending`);
  }

  loadedModels(): string[] { return this.loader.names(); }
  /** How many times the model was loaded, including reloads. */
  loadCount(model: string): number { return this.loader.loadCount(model); }
  /** Loads of an already loaded model because num_ctx changed. */
  reloadCount(model: string): number { return this.loader.reloadCount(model); }

  /** Stops listening and drops every connection: new connections get ECONNREFUSED. */
  async goDown(): Promise<void> {
    if (!this.server.listening) return;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const rec of this.open) this.droppedByServer.add(rec);
    for (const socket of this.sockets) socket.destroy();
    await closed;
    this.loader.forgetAll();
    // Let in-process clients see their pooled keep-alive sockets close before the next request.
    await new Promise((resolve) => setTimeout(resolve, 5));
  }

  /** Listens again on the same port, with no model loaded, like a restarted daemon. */
  async comeUp(): Promise<void> {
    if (this.closedForGood) throw new Error('OllamaStandIn: comeUp() after close()');
    if (this.server.listening) return;
    this.loader.forgetAll();
    await this.listen(this.portNumber);
  }

  async close(): Promise<void> {
    this.closedForGood = true;
    await this.goDown();
    this.listeners.clear();
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        this.portNumber = (this.server.address() as AddressInfo).port;
        if (!this.options.keepProcessAlive) this.server.unref();
        resolve();
      });
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rec: RecordedRequest = {
      id: ++this.nextId, method: req.method ?? 'GET', path: new URL(req.url ?? '/', 'http://x').pathname,
      headers: { ...req.headers }, body: undefined, rawBody: '', startedAt: Date.now(), outcome: 'pending', tokensSent: 0,
    };
    this.open.add(rec);
    const ex = new StandInExchange(res);
    ex.onEnd = () => this.settle(rec, res, true);
    res.on('close', () => this.settle(rec, res, false));
    const raw = await readBody(req);
    const parsed = rec.method === 'GET' || rec.method === 'HEAD' ? { value: undefined } : parseJsonBody(raw);
    rec.body = parsed.value;
    rec.rawBody = raw;
    this.recorded.push(rec);
    this.notify();
    if (ex.closed) return;
    try {
      await this.route(ex, rec, parsed);
    } catch (e) {
      ex.json(500, { error: e instanceof Error ? e.message : String(e) });
    }
  }

  private async route(ex: StandInExchange, rec: RecordedRequest, parsed: { value: unknown; error?: string }): Promise<void> {
    const openai = this.options.openai;
    if (openai) return handleOpenAi({ ...this.ctx, takeFault: (path, kinds) => this.takeFault(path, kinds) }, openai, ex, rec, parsed);
    const fault = this.takeFault(rec.path, ['status', 'hang']);
    if (fault) rec.fault = fault.kind;
    if (fault?.kind === 'status') return ex.json(fault.status, { error: fault.error });
    if (fault?.kind === 'hang') return ex.hang();

    const methods = ROUTES[rec.path];
    if (!methods) return ex.text(404, '404 page not found');
    if (!methods.includes(rec.method)) return ex.text(405, '405 method not allowed');
    if (parsed.error !== undefined) return ex.json(400, { error: parsed.error });
    const body = isRecord(parsed.value) ? parsed.value : {};
    switch (rec.path) {
      case '/': return ex.text(200, 'Ollama is running');
      case '/api/version': return ex.json(200, { version: this.version });
      case '/api/tags': return ex.json(200, { models: this.models.map((m, i) => tagsEntry(m, i)) });
      case '/api/ps': return ex.json(200, { models: this.loader.views().map(psEntry) });
      case '/api/show': return this.show(ex, body);
      case '/api/generate':
      case '/api/chat': return handleGeneration(this.ctx, ex, rec, rec.path, body);
      case '/api/pull': return handlePull(this.ctx, ex, rec, body);
      default: return ex.text(404, '404 page not found');
    }
  }

  private show(ex: StandInExchange, body: Record<string, unknown>): void {
    const name = typeof body.model === 'string' && body.model !== '' ? body.model : typeof body.name === 'string' ? body.name : '';
    if (name === '') return ex.json(400, { error: 'model is required' });
    const model = findModel(this.models, name);
    if (!model) return ex.json(404, { error: `model '${name}' not found` });
    ex.json(200, showResponse(model, this.models.indexOf(model)));
  }

  private takeFault(path: string, kinds: ReadonlyArray<Fault['kind']>): Fault | undefined {
    const entry = this.faults.find((f) => (f.path === path || f.path === '*') && kinds.includes(f.fault.kind));
    if (!entry) return undefined;
    entry.remaining--;
    if (entry.remaining <= 0) this.faults = this.faults.filter((f) => f !== entry);
    return entry.fault;
  }

  private settle(rec: RecordedRequest, res: ServerResponse, ended: boolean): void {
    this.open.delete(rec);
    if (rec.outcome !== 'pending') return;
    rec.endedAt = Date.now();
    rec.status = res.statusCode;
    if (ended) rec.outcome = rec.fault ? 'fault' : 'completed';
    else rec.outcome = this.droppedByServer.has(rec) ? 'fault' : 'clientClosed';
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private waitFor<T>(probe: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    const already = probe();
    if (already !== undefined) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const hit = probe();
        if (hit === undefined) return;
        stop();
        resolve(hit);
      };
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`OllamaStandIn: timed out after ${timeoutMs} ms: ${describe()}`));
      }, timeoutMs);
      const stop = (): void => { this.listeners.delete(check); clearTimeout(timer); };
      this.listeners.add(check);
    });
  }
}

function safely(pred: (r: RecordedRequest) => boolean, r: RecordedRequest): boolean {
  try { return pred(r); } catch { return false; }
}
