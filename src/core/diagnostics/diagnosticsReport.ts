import type { ConnectionConfig } from '../connection/connectionConfig';
import type { ModelServer } from '../engine/modelServer';
import type { HearthSettings } from '../settings/hearthSettings';
import type { InstructionsSummary } from '../../shared/statusTab';
import { buildDiagnostics } from './buildDiagnostics';
import { collectDiagnostics } from './collectDiagnostics';
import type { DiagnosticCheck } from './diagnosticCheck';
import { renderDiagnosticsMarkdown } from './renderDiagnostics';
import { instructionsInEffect, snapshotSettings } from './snapshotInputs';

export interface DiagnosticsDeps {
  readonly ollama: Pick<ModelServer, 'version' | 'listModels' | 'loadedModels' | 'generate'>;
  readonly connection: () => ConnectionConfig;
  readonly settings: () => HearthSettings;
  /** The instructions for the active file, as the view shows them. */
  readonly instructions: () => InstructionsSummary;
  /** What a bug report needs to know about this setup (Hearth's, VS Code's and the OS's versions). */
  readonly about: () => readonly string[];
  /**
   * Masks secrets (stored API keys) in what the report says: a server's error
   * text is quoted in it, and a proxy may echo the header it rejected. The
   * report is made to be pasted into bug reports.
   */
  readonly mask?: (text: string) => string;
}

export interface DiagnosticsReport {
  readonly checks: readonly DiagnosticCheck[];
  readonly markdown: string;
}

/** Gathers the snapshot and builds the report, without UI (the runner, the command and the tests share it). */
export async function gatherDiagnosticsReport(
  deps: DiagnosticsDeps,
  signal: AbortSignal,
  onStep?: (step: string) => void,
): Promise<DiagnosticsReport> {
  const snapshot = await collectDiagnostics(
    {
      ollama: deps.ollama,
      connection: deps.connection(),
      settings: snapshotSettings(deps.settings()),
      instructions: instructionsInEffect(deps.instructions()),
    },
    signal,
    onStep,
  );
  const mask = deps.mask ?? ((text: string) => text);
  const checks = buildDiagnostics(snapshot).map((c) => ({ ...c, detail: mask(c.detail), ...(c.fix !== undefined ? { fix: mask(c.fix) } : {}) }));
  return { checks, markdown: mask(renderDiagnosticsMarkdown(checks, [...deps.about()])) };
}
