import type { FimFamily } from '../fimFamily';
import type { HostSource } from '../ollamaHost';

// What the report is built from, gathered by the VS Code side. The model shapes
// are the subsets of the Ollama service's types that the checks read, so this
// pure layer does not depend on the service.

export type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      /** The daemon's or runtime's own words. */
      readonly message: string;
      /** The failure kind (`unreachable`, `timeout`, `invalidHost`, …), to choose the fix. */
      readonly kind?: string;
    };

export interface SnapshotHost {
  /** Display form: no credentials. */
  readonly url: string;
  readonly source: HostSource;
  readonly isLoopback: boolean;
  /** Set when the configured address could not be parsed; nothing was sent. */
  readonly invalid?: string;
}

export interface SnapshotModel {
  readonly name: string;
  readonly family: string;
  readonly capabilities: readonly string[];
  /** False when capabilities were inferred from the template (Ollama before 0.6.4). */
  readonly capabilitiesReported: boolean;
  readonly contextLength?: number;
  readonly template: string;
}

/** One entry of /api/ps. */
export interface SnapshotLoadedModel {
  readonly name: string;
  readonly sizeBytes: number;
  readonly sizeVramBytes: number;
  readonly contextLength?: number;
}

export interface SnapshotSettings {
  readonly completionModel: string;
  readonly chatModel: string;
  readonly numCtx: number;
  readonly keepAlive: string;
  readonly completionEnabled: boolean;
  readonly completionTemplate: 'auto' | FimFamily;
  /** What the engine does not report (engineLimits); absent or empty for Ollama. */
  readonly notReported?: readonly string[];
}

/** From the final chunk of the probe's stream; milliseconds. */
export interface ProbeStats {
  readonly loadMs: number;
  readonly promptEvalMs: number;
  readonly evalTokens: number;
  readonly evalMs: number;
}

export type ModelUse = 'completion' | 'chat';

export interface LatencyProbe {
  readonly model: string;
  /** One probe per model: a model serving both roles is timed once. */
  readonly uses: readonly ModelUse[];
  readonly result: Outcome<ProbeStats>;
}

export type InstructionsInEffect =
  | { readonly status: 'disabled' | 'untrusted' | 'noFolder' | 'outsideWorkspace' }
  | {
      readonly status: 'ready';
      /** Files that contribute text. */
      readonly files: number;
      readonly tokens: number;
      /** The file the chain was resolved for; undefined = the folder root. */
      readonly forFile?: string;
      /** "trimmed 12.3 KiB from 2 files" when the budget cut something. */
      readonly trimNote?: string;
    };

export interface DiagnosticsSnapshot {
  readonly host: SnapshotHost;
  /** The daemon's version, or why it did not answer. */
  readonly daemon: Outcome<string>;
  /** Absent when the daemon did not answer. */
  readonly models?: Outcome<readonly SnapshotModel[]>;
  /** /api/ps before the probe: how the models were loaded (by anyone) when diagnostics started. */
  readonly loaded?: Outcome<readonly SnapshotLoadedModel[]>;
  /** /api/ps after the probe: where Hearth's own models run. */
  readonly loadedAfterProbe?: Outcome<readonly SnapshotLoadedModel[]>;
  readonly settings: SnapshotSettings;
  readonly probes: readonly LatencyProbe[];
  readonly instructions: InstructionsInEffect;
}
