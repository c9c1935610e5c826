import type { CompletionOutcome, CompletionRequestRecord } from '../../src/core/completion/completionOutcome';
import { OllamaStandIn } from '../../test/fakes/ollamaStandIn';
import type { GenerationRequest, RecordedRequest, ScriptedReply } from '../../test/fakes/ollamaStandIn';
import { MODEL, NUM_CTX, benchPipeline } from './benchPipeline';
import type { BenchEngine, ConfigName } from './benchPipeline';
import { SimulatedModel } from './simulatedModel';
import type { Trace } from './traceBuilder';
import { VirtualDocument } from './virtualDocument';

/** The latency model of the acceptance criteria. */
export const LATENCY = { loadMs: 0, timeToFirstTokenMs: 150, perPromptTokenMs: 0.1, perTokenMs: 15 };
/** VS Code waits this long after a keystroke before it asks an inline completion provider (InlineCompletionsDebounce). */
const VSCODE_DEBOUNCE_MS = 50;
export const PAUSE_MS = 600;
/** The user reads the last suggestion this long after the trace ends. */
const FINAL_PAUSE_MS = 3_000;

/**
 * The user waiting at a cursor position for at least PAUSE_MS: after a
 * keystroke or a cursor move, whatever comes next (typing there, moving
 * away, or nothing: the end of the trace). Every position in the traces is
 * editable, so every such pause counts.
 */
export interface Pause {
  readonly start: number;
  readonly end: number;
  readonly endedBy: 'typing' | 'move' | 'end';
  /** The pause follows a cursor move rather than a keystroke. */
  readonly afterMove: boolean;
  /** When a suggestion for this position was first visible, if it was during the pause. */
  readonly shownAt?: number;
  /** The cursor line, with `|` at the cursor. */
  readonly where: string;
  /** What the last provider call at this position returned. */
  readonly outcome?: string;
}

export interface ReplayResult {
  readonly trace: string;
  readonly config: ConfigName;
  readonly engine: BenchEngine;
  readonly keystrokes: number;
  readonly typeThroughKeystrokes: number;
  readonly typeThroughRequests: number;
  readonly cacheServed: number;
  readonly pauses: readonly Pause[];
  readonly records: readonly CompletionRequestRecord[];
  /** Model time per request (slot taken → connection ended), and whether its answer reached the editor. */
  readonly generations: readonly Generation[];
  readonly standIn: { readonly received: number; readonly clientClosed: number; readonly completed: number };
  /** When each trace event happened, on the stand-in's clock (epoch milliseconds). */
  readonly eventTimes: readonly number[];
  /** Every change of the suggestion on screen ('' = none), on the same clock. */
  readonly ghosts: readonly { readonly at: number; readonly text: string }[];
  /** The stand-in's log of the generation requests (warm-ups excluded). */
  readonly requests: readonly RecordedRequest[];
  /** The end of the last pause, on the same clock. */
  readonly endAt: number;
  readonly finalText: string;
}

export interface ReplayOptions {
  /** The model's answers; by default the trace's SimulatedModel. */
  readonly reply?: (request: GenerationRequest) => ScriptedReply;
  /** How long the user reads the last suggestion after the trace ends. */
  readonly finalPauseMs?: number;
  /** Which stand-in answers: Ollama's API (default) or vLLM's OpenAI-compatible one. */
  readonly engine?: BenchEngine;
}

export interface Generation {
  readonly ms: number;
  /** The answer was shown: it reached the editor at the position it was asked for (or was served from the cache later) and was not empty. */
  readonly used: boolean;
  /** The answer reached the editor but was empty after post-processing: nothing was shown, so this is waste too. */
  readonly empty: boolean;
  readonly end: CompletionRequestRecord['end'] | 'unknown';
}

interface Version {
  readonly at: number;
  readonly move: boolean;
  /** The text around the cursor, for the list of pauses without a suggestion. */
  readonly where: string;
  shownAt?: number;
  /** What the last provider call for this version returned. */
  outcome?: string;
}

/** The stand-in stamps with Date.now(); this is the same clock with performance.now()'s resolution. */
const epochNow = (): number => performance.timeOrigin + performance.now();

const sleepUntil = (t0: number, at: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, t0 + at - performance.now())));
/**
 * An event this late is not caught up with: the trace's later events shift
 * by the delay instead of arriving in a burst, as a typist's keys would
 * after the machine stalled (the editor benchmark's driver does the same).
 */
const MAX_CATCH_UP_MS = 100;

/**
 * Replays a trace in real time through the pipeline, playing VS Code's part:
 * after each edit it waits 50 ms, then calls the provider, cancelling the
 * previous call; a suggestion stays visible while the user types what it
 * says (type-through), and disappears on anything else. Times are measured
 * from the keystroke.
 */
export async function replay(trace: Trace, config: ConfigName, options: ReplayOptions = {}): Promise<ReplayResult> {
  const reply = options.reply ?? simulatedReply(trace);
  const finalPauseMs = options.finalPauseMs ?? FINAL_PAUSE_MS;
  const engine = options.engine ?? 'ollama';
  const standIn = await OllamaStandIn.start({ latency: LATENCY, numParallel: 1, defaultNumCtx: NUM_CTX, ...(engine === 'vllm' ? { openai: { flavor: 'vllm' as const } } : {}) });
  standIn.reply(reply);
  const doc = new VirtualDocument(trace.uri, trace.languageId, trace.initialText);
  const versions: Version[] = [];
  const used = new Set<number>();
  const empty = new Set<number>();
  let visible: { offset: number; text: string } | undefined;
  let call: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let typeThroughNow = false;
  let typeThroughKeystrokes = 0;
  let typeThroughRequests = 0;
  let cacheServed = 0;
  const inFlight = new Set<Promise<void>>();
  const eventTimes: number[] = [];
  const ghosts: { at: number; text: string }[] = [];
  const showGhost = (text: string): void => {
    if (text !== (ghosts.at(-1)?.text ?? '')) ghosts.push({ at: epochNow(), text });
  };

  const { pipeline, service } = benchPipeline(config, standIn.url, () => {
    if (typeThroughNow) typeThroughRequests++;
  }, undefined, engine);
  const records: CompletionRequestRecord[] = [];
  pipeline.onDidFinishRequest((r) => records.push(r));
  await service.warm(MODEL);

  const provide = (version: number): void => {
    const controller = new AbortController();
    call = controller;
    const done = pipeline.complete(doc.query(false, NUM_CTX), controller.signal).then((outcome: CompletionOutcome) => {
      const current = versions[version];
      if (current !== undefined) current.outcome = describeOutcome(outcome);
      if (controller.signal.aborted || version !== versions.length - 1 || outcome.kind !== 'answer') return;
      if (outcome.requestId !== undefined) (outcome.text === '' ? empty : used).add(outcome.requestId);
      for (const id of outcome.emptyRequestIds ?? []) empty.add(id);
      if (outcome.origin === 'cache' || outcome.origin === 'typeThrough') cacheServed++;
      if (outcome.text === '') return;
      // Ghost text after the end of the line cannot be typed through from the middle of it.
      visible = outcome.restOfLine === undefined ? { offset: doc.offset, text: outcome.text } : undefined;
      showGhost(outcome.text);
      if (current !== undefined) current.shownAt ??= performance.now();
    });
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  };

  let t0 = performance.now();
  for (const event of trace.events) {
    await sleepUntil(t0, event.at);
    const now = performance.now();
    if (now - (t0 + event.at) > MAX_CATCH_UP_MS) t0 = now - event.at;
    eventTimes.push(epochNow());
    const through = event.kind === 'insert' && visible !== undefined && visible.offset === doc.offset && visible.text.startsWith(event.text);
    if (event.kind === 'insert') doc.insert(event.text);
    else if (event.kind === 'backspace') doc.backspace();
    else doc.moveTo(event.offset);
    const version: Version = { at: now, move: event.kind === 'move', where: doc.where() };
    versions.push(version);
    if (through && visible !== undefined) {
      typeThroughKeystrokes++;
      const rest = visible.text.slice(event.kind === 'insert' ? event.text.length : 0);
      visible = rest === '' ? undefined : { offset: doc.offset, text: rest };
      if (visible !== undefined) version.shownAt = now;
    } else {
      visible = undefined;
    }
    showGhost(visible?.text ?? '');
    // Typing the last character of a suggestion asks, rightly, for what comes next.
    typeThroughNow = visible !== undefined;
    // The adapter reports every edit and cursor move to the pipeline at once (stale requests are aborted);
    // VS Code cancels the running provider call on every change, and asks again 50 ms after typing stops.
    pipeline.noteEdit(doc.uri, () => doc.query(false, NUM_CTX));
    call?.abort();
    if (timer !== undefined) clearTimeout(timer);
    if (event.kind === 'move') continue;
    const index = versions.length - 1;
    timer = setTimeout(() => provide(index), VSCODE_DEBOUNCE_MS);
  }
  const end = performance.now() + finalPauseMs;
  const endAt = epochNow() + finalPauseMs;
  await new Promise((resolve) => setTimeout(resolve, finalPauseMs));
  call?.abort();
  await Promise.all([...inFlight]);
  // Requests the naive client never cancels finish on their own.
  await waitIdle(standIn);
  pipeline.dispose();
  await standIn.close();

  const pauses: Pause[] = [];
  versions.forEach((v, i) => {
    const following = versions[i + 1];
    const next = following?.at ?? end;
    if (next - v.at < PAUSE_MS) return;
    pauses.push({
      start: v.at,
      end: next,
      endedBy: following === undefined ? 'end' : following.move ? 'move' : 'typing',
      afterMove: v.move,
      where: v.where,
      ...(v.outcome !== undefined ? { outcome: v.outcome } : {}),
      ...(v.shownAt !== undefined && v.shownAt < next ? { shownAt: v.shownAt } : {}),
    });
  });
  return {
    trace: trace.name,
    config,
    engine,
    keystrokes: trace.events.filter((e) => e.kind !== 'move').length,
    typeThroughKeystrokes,
    typeThroughRequests,
    cacheServed,
    pauses,
    records,
    generations: generationTimes(standIn, records, used, empty),
    standIn: {
      received: generationRequests(standIn).length,
      clientClosed: generationRequests(standIn).filter((r) => r.outcome === 'clientClosed').length,
      completed: generationRequests(standIn).filter((r) => r.outcome === 'completed').length,
    },
    eventTimes,
    ghosts,
    requests: generationRequests(standIn),
    endAt,
    finalText: doc.text,
  };
}

function simulatedReply(trace: Trace): (request: GenerationRequest) => ScriptedReply {
  const model = new SimulatedModel(trace);
  return (request) => model.reply(request);
}

function describeOutcome(outcome: CompletionOutcome): string {
  if (outcome.kind === 'answer') return outcome.text === '' ? `empty answer (${outcome.origin})` : `${JSON.stringify(outcome.text)} (${outcome.origin})`;
  return outcome.kind === 'skipped' ? `skipped: ${outcome.reason}` : `failed: ${outcome.failure.kind}`;
}

function generationRequests(standIn: OllamaStandIn): RecordedRequest[] {
  return [...standIn.requestsTo('/api/generate'), ...standIn.requestsTo('/v1/completions')].filter((r) => typeof (r.body as { prompt?: unknown }).prompt === 'string' && (r.body as { prompt: string }).prompt !== '');
}

/** GPU time per request, matched to the pipeline's request ids by prompt (in order). */
function generationTimes(standIn: OllamaStandIn, records: readonly CompletionRequestRecord[], used: ReadonlySet<number>, empty: ReadonlySet<number>): Generation[] {
  const byPrompt = new Map<string, number[]>();
  for (const r of [...records].sort((a, b) => a.id - b.id)) {
    const key = `${r.request.prompt}\u0000${r.request.suffix ?? ''}`;
    byPrompt.set(key, [...(byPrompt.get(key) ?? []), r.id]);
  }
  const ends = new Map(records.map((r) => [r.id, r.end]));
  return generationRequests(standIn).map((rec) => {
    const body = rec.body as { prompt: string; suffix?: string };
    const id = byPrompt.get(`${body.prompt}\u0000${body.suffix ?? ''}`)?.shift();
    const ms = rec.slotAt !== undefined && rec.endedAt !== undefined ? Math.max(0, rec.endedAt - rec.slotAt) : 0;
    return {
      ms,
      used: id !== undefined && used.has(id),
      empty: id !== undefined && !used.has(id) && empty.has(id),
      end: (id !== undefined ? ends.get(id) : undefined) ?? 'unknown',
    };
  });
}

async function waitIdle(standIn: OllamaStandIn): Promise<void> {
  for (let i = 0; i < 600 && standIn.requests.some((r) => r.outcome === 'pending'); i++) await new Promise((resolve) => setTimeout(resolve, 50));
}
