import { fimParts } from './answerModel';
import type { GhostSample, RequestRecord, SessionRun, StepTime } from './sessionRun';

/**
 * The document state a request asked about: the state's cursor (a request
 * at the cursor), or the end of the cursor's line (Hearth's request for what
 * follows a complete line).
 */
export interface Anchor {
  readonly state: number;
  readonly afterLine: boolean;
}

/** A ghost sample with the request that produced it, if one did. */
export interface AttributedGhost extends GhostSample {
  readonly requestId?: number;
}

export interface Attribution {
  readonly anchors: ReadonlyMap<number, Anchor>;
  readonly ghosts: readonly AttributedGhost[];
  /** Requests whose answer was on screen at least once. */
  readonly shown: ReadonlySet<number>;
}

/**
 * Slack for joining the two clocks (the page's and the stand-in's, aligned by
 * a round trip) and for the stand-in noting a client's close a moment after
 * the client had the text.
 */
export const CLOCK_SLACK_MS = 100;
/** How many states back from its arrival a request's prompt may have been built. */
const ANCHOR_LOOKBACK = 40;

const compact = (text: string): string => text.replace(/\s+/g, '');

/** How many steps had taken effect at `t`: the index of the document state then. */
export function stateAt(steps: readonly StepTime[], t: number): number {
  let n = 0;
  while (n < steps.length && (steps[n]?.doneAt ?? Infinity) <= t) n++;
  return n;
}

/** Finds the state whose text around the cursor (or around the end of its line) is the prompt's prefix and suffix. */
export function anchorOf(run: SessionRun, request: RequestRecord): Anchor | undefined {
  const fim = fimParts(request.prompt);
  if (fim === undefined) return undefined;
  const latest = stateAt(run.steps, request.startedAt + CLOCK_SLACK_MS);
  for (let s = latest; s >= Math.max(0, latest - ANCHOR_LOOKBACK); s--) {
    const state = run.script.states[s];
    if (state === undefined) continue;
    if (state.prefix.endsWith(fim.prefix) && state.suffix.startsWith(fim.suffix)) return { state: s, afterLine: false };
    const rest = state.suffix.split('\n', 1)[0] ?? '';
    if (rest.trim() !== '' && (state.prefix + rest).endsWith(fim.prefix) && state.suffix.slice(rest.length).startsWith(fim.suffix)) {
      return { state: s, afterLine: true };
    }
  }
  return undefined;
}

/**
 * Whether `request`'s answer can be what shows as `ghost` in state `state`:
 * asked at that very position, or at an earlier one whose answer the user
 * has been typing since (type-through), and the ghost is that answer's rest
 * (whitespace aside: post-processing re-indents and trims).
 */
export function serves(run: SessionRun, request: RequestRecord, anchor: Anchor, state: number, ghost: string): boolean {
  const asked = run.script.states[anchor.state];
  const now = run.script.states[state];
  if (asked === undefined || now === undefined || compact(ghost) === '') return false;
  if (anchor.afterLine) return asked.prefix === now.prefix && asked.suffix === now.suffix && compact(request.text).includes(compact(ghost));
  if (asked.suffix !== now.suffix || !now.prefix.startsWith(asked.prefix)) return false;
  const typed = now.prefix.slice(asked.prefix.length);
  return compact(request.text).startsWith(compact(typed) + compact(ghost));
}

/**
 * Joins the ghost samples with the request log. A sample is attributed to
 * the request that ended last before it (within CLOCK_SLACK_MS) among those
 * whose answer it can be in the state of its time (or the state just
 * before, when the sample beat the keystroke's processing). A ghost
 * served from a cache, or still shown while typed through, thus counts for
 * the request that produced it.
 */
export function attributeGhosts(run: SessionRun): Attribution {
  const anchors = new Map<number, Anchor>();
  for (const request of run.requests) {
    const anchor = anchorOf(run, request);
    if (anchor !== undefined) anchors.set(request.id, anchor);
  }
  const shown = new Set<number>();
  const ghosts = run.ghosts.map((sample): AttributedGhost => {
    const request = producerOf(run, anchors, sample);
    if (request === undefined) return sample;
    shown.add(request.id);
    return { ...sample, requestId: request.id };
  });
  return { anchors, ghosts, shown };
}

function producerOf(run: SessionRun, anchors: ReadonlyMap<number, Anchor>, sample: GhostSample): RequestRecord | undefined {
  if (compact(sample.text) === '') return undefined;
  const now = stateAt(run.steps, sample.at);
  let best: RequestRecord | undefined;
  for (const request of run.requests) {
    const anchor = anchors.get(request.id);
    if (anchor === undefined || request.endedAt === undefined || request.endedAt > sample.at + CLOCK_SLACK_MS) continue;
    if (best !== undefined && (best.endedAt ?? 0) >= request.endedAt) continue;
    if (serves(run, request, anchor, now, sample.text) || (now > 0 && serves(run, request, anchor, now - 1, sample.text))) best = request;
  }
  return best;
}
