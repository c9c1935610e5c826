// What a caller tells the inspector about a request beyond its bytes. Callers
// pass a RequestTrace with every request to the model server; the server's
// recorder keeps it by reference, and the closures in `details` run only when
// the inspector formats the entry, so the hot path pays for none of it.

/** Every kind of request Hearth sends to a model server. */
export const REQUEST_KINDS = ['completion', 'chat', 'agentStep', 'warmUp', 'probe', 'other'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** Something left out or cut so the request would fit, and why. */
export interface TrimNote {
  readonly what: string;
  readonly why: string;
  /** Characters left out, when known. */
  readonly chars?: number;
}

/** A snippet of another file that went into a completion prompt. */
export interface SnippetNote {
  readonly file: string;
  /** Similarity to the code around the cursor (Jaccard over identifiers, 0–1). */
  readonly score: number;
  readonly chars: number;
}

/** The model's text after one post-processing rule ran. */
export interface OutputStep {
  readonly rule: string;
  readonly text: string;
}

/** Facts only the caller has; computed when the inspector is open, never before. */
export interface TraceDetails {
  readonly trims?: () => readonly TrimNote[];
  readonly snippets?: () => readonly SnippetNote[];
  /** Replays the caller's post-processing on the raw output, one step per rule. */
  readonly outputSteps?: (raw: string) => readonly OutputStep[];
}

export interface RequestTrace {
  readonly kind: RequestKind;
  /**
   * Who asked: a chat turn id, an agent run's `runId/step`, `completion-<n>`.
   * Commands find a request by it ("Inspect" on a chat answer).
   */
  readonly originId?: string;
  readonly details?: TraceDetails;
}

/** The origin id of a completion request: the pipeline numbers its requests. */
export function completionOriginId(requestId: number): string {
  return `completion-${requestId}`;
}

/** The origin id of an agent's model step: steps are numbered per run. */
export function agentStepOriginId(runId: string, stepId: number): string {
  return `${runId}/${stepId}`;
}
