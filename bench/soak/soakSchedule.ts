// What a soak does and when, from a seed alone: the same seed and length give
// the same steps on every machine, so a failing run can be played again.
import { Prng } from '../completion/prng';

/** The daemon faults of issue #11, as the stand-in plays them. */
export const FAULT_KINDS = ['refused', 'restart', 'hang', 'status500', 'midStreamError', 'malformedLine', 'slowStream', 'hugeReply'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Which feature's next request a fault hits (refused and restart hit the whole daemon). */
export type FaultTarget = 'completion' | 'chat';

export type SoakAction =
  /** Types `chars` characters of code into the editor at the user's pace. */
  | { readonly kind: 'type'; readonly chars: number }
  /** Sends a chat message and lets the answer run. */
  | { readonly kind: 'chat' }
  /** Sends a chat message and presses Stop after `afterMs`. */
  | { readonly kind: 'stop'; readonly afterMs: number }
  /** Reloads the Hearth view's webview. */
  | { readonly kind: 'reload' }
  | { readonly kind: 'fault'; readonly fault: FaultKind; readonly target: FaultTarget };

export interface SoakStep {
  /** When the step is due, from the start of the soak. */
  readonly atMs: number;
  readonly action: SoakAction;
}

/** How often each action is picked; faults come about once every four steps. */
const WEIGHTS: readonly [SoakAction['kind'], number][] = [
  ['type', 40],
  ['chat', 20],
  ['stop', 8],
  ['reload', 7],
  ['fault', 25],
];
/** Gap between steps: a user who types, reads, and asks now and then. */
const GAP_MS = { min: 2_000, max: 9_000 };
/** Quiet time at the end: what is in flight settles before the final reload and the count. */
export const SETTLE_MS = 20_000;

/**
 * The steps of a soak of `minutes`, from `seed`. Faults take their kinds from
 * a shuffled round of all kinds, so every kind comes up once a run has as
 * many faults as there are kinds (a three-minute run has about eight).
 */
export function soakSchedule(seed: number, minutes: number): SoakStep[] {
  if (!(minutes > 0)) throw new Error(`the soak needs a positive length, got ${minutes} minutes`);
  const rng = new Prng(seed);
  const end = minutes * 60_000 - SETTLE_MS;
  const total = WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
  const steps: SoakStep[] = [];
  let round: FaultKind[] = [];
  for (let at = rng.int(GAP_MS.min, GAP_MS.max); at < end; at += rng.int(GAP_MS.min, GAP_MS.max)) {
    let roll = rng.next() * total;
    const kind = WEIGHTS.find(([, weight]) => (roll -= weight) < 0)?.[0] ?? 'type';
    if (kind === 'fault' && round.length === 0) round = shuffled(rng, FAULT_KINDS);
    steps.push({ atMs: at, action: actionOf(kind, rng, round) });
  }
  return steps;
}

function actionOf(kind: SoakAction['kind'], rng: Prng, round: FaultKind[]): SoakAction {
  switch (kind) {
    case 'type':
      return { kind, chars: rng.int(8, 40) };
    case 'chat':
    case 'reload':
      return { kind };
    case 'stop':
      return { kind, afterMs: rng.int(300, 3_000) };
    case 'fault': {
      const fault = round.shift() as FaultKind;
      // A reply of a megabyte and a slow stream only mean something for the chat.
      const target: FaultTarget = fault === 'hugeReply' || fault === 'slowStream' ? 'chat' : rng.chance(0.5) ? 'completion' : 'chat';
      return { kind, fault, target };
    }
  }
}

function shuffled<T>(rng: Prng, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** How many steps of each kind, and faults of each kind (for the header and the tests). */
export function scheduleCounts(steps: readonly SoakStep[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { action } of steps) {
    const key = action.kind === 'fault' ? `fault:${action.fault}` : action.kind;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
