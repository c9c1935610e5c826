import type { RecordedRequest } from '../../test/fakes/ollamaStandIn';
import type { ModelBehaviour } from './answerModel';
import type { SessionScript } from './sessionScript';

export type ConfigName = 'hearth' | 'naive';

/**
 * When a scripted step reached the editor, in milliseconds on the stand-in's
 * clock (Date.now()). A key: both are its keydown. A move: `at` when it
 * began (the user stops typing there), `doneAt` when the cursor landed.
 */
export interface StepTime {
  readonly at: number;
  readonly doneAt: number;
}

/** The suggestion on screen changed to `text` ('' = none) at `at`. */
export interface GhostSample {
  readonly at: number;
  readonly text: string;
}

/** One generation request as the daemon saw it. */
export interface RequestRecord {
  readonly id: number;
  /** The daemon received it. */
  readonly startedAt: number;
  /** It got the model's slot (one at a time: before then it queued). */
  readonly slotAt?: number;
  /** Its first token left: prompt evaluation ("prefill") ended. */
  readonly firstTokenAt?: number;
  readonly endedAt?: number;
  /** completed: the daemon sent `done`; clientClosed: the client closed the connection first. */
  readonly outcome: RecordedRequest['outcome'];
  readonly tokens: number;
  readonly prompt: string;
  /** The generated text that left the daemon. */
  readonly text: string;
}

/** Everything one session produced, on one clock: the input of the join and the figures. */
export interface SessionRun {
  readonly script: SessionScript;
  readonly config: ConfigName;
  readonly model: ModelBehaviour;
  /** One per script step. */
  readonly steps: readonly StepTime[];
  /** The end of the last pause. */
  readonly endAt: number;
  readonly ghosts: readonly GhostSample[];
  readonly requests: readonly RequestRecord[];
  /** The document's text at the end, as saved; undefined when it could not be read. */
  readonly finalText: string | undefined;
  /** How noisy the measurement was (real editor only). */
  readonly noise?: MeasurementNoise;
}

export interface MeasurementNoise {
  /** The round trip the page clock was aligned with: the alignment is good to half of it. */
  readonly clockRoundTripMs: number;
  /** Per key: from the input event's creation to the page handling it. */
  readonly keyLagMs: readonly number[];
}

/** A completion request from the stand-in's log; undefined for anything else (warm-ups have an empty prompt). */
export function requestRecord(rec: RecordedRequest): RequestRecord | undefined {
  const body = rec.body as { prompt?: unknown } | undefined;
  if (rec.path !== '/api/generate' || typeof body?.prompt !== 'string' || body.prompt === '') return undefined;
  return {
    id: rec.id,
    startedAt: rec.startedAt,
    ...(rec.slotAt !== undefined ? { slotAt: rec.slotAt } : {}),
    ...(rec.firstTokenAt !== undefined ? { firstTokenAt: rec.firstTokenAt } : {}),
    ...(rec.endedAt !== undefined ? { endedAt: rec.endedAt } : {}),
    outcome: rec.outcome,
    tokens: rec.tokensSent,
    prompt: body.prompt,
    text: rec.textSent ?? '',
  };
}

/**
 * Saved runs reported as one: each configuration's sessions from the first
 * run that has it, so a configuration is never counted twice.
 */
export function combineRuns(saved: readonly (readonly SessionRun[])[]): SessionRun[] {
  const runs: SessionRun[] = [];
  for (const file of saved) {
    const taken = new Set(runs.map((run) => run.config));
    runs.push(...file.filter((run) => !taken.has(run.config)));
  }
  return runs;
}
