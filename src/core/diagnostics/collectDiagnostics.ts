import type { DiagnosticsSnapshot, InstructionsInEffect, LatencyProbe, ModelUse, Outcome, ProbeStats, SnapshotLoadedModel, SnapshotSettings } from './diagnosticsSnapshot';
import { findModel, sameModelName } from '../modelName';
import { displayHost } from '../ollamaHost';
import { failureOf } from '../engine/failureOf';
import type { Result } from '../engine/ollamaFailure';
import type { ModelServer } from '../engine/modelServer';
import type { ConnectionConfig } from '../connection/connectionConfig';
import type { ModelInfo } from '../engine/engineTypes';

/** What the snapshot is gathered from. No VS Code here, so it runs against the stand-in in plain mocha too. */
export interface DiagnosticsSources {
  readonly ollama: Pick<ModelServer, 'version' | 'listModels' | 'loadedModels' | 'generate'>;
  readonly connection: ConnectionConfig;
  readonly settings: SnapshotSettings;
  readonly instructions: InstructionsInEffect;
}

// Short and generic: the probe measures the daemon and the model, not a task.
const PROBE_PROMPT = 'def fibonacci(n):';
const PROBE_TOKENS = 8;

/**
 * Asks the daemon what the report needs. /api/ps is read before the latency
 * probe (which loads the models with Hearth's num_ctx, hiding a mismatch) and
 * again after it (to see where Hearth's models run). Throws an AbortError
 * when `signal` aborts; every request carries it.
 */
export async function collectDiagnostics(
  sources: DiagnosticsSources,
  signal: AbortSignal,
  onStep: (step: string) => void = () => undefined,
): Promise<DiagnosticsSnapshot> {
  const { ollama, connection, settings, instructions } = sources;
  const host = {
    url: displayHost(connection.host),
    source: connection.host.source,
    isLoopback: connection.host.isLoopback,
    ...(connection.invalidHost ? { invalid: connection.invalidHost } : {}),
  };
  const base = { host, settings, instructions };

  onStep('asking Ollama for its version');
  const version = await ollama.version(signal);
  throwIfAborted(signal);
  if (!version.ok) {
    return { ...base, daemon: { ok: false, message: version.failure.detail, kind: version.failure.kind }, probes: [] };
  }

  onStep('reading the models');
  const models = await ollama.listModels({ refresh: true, signal });
  throwIfAborted(signal);
  const loaded = await ollama.loadedModels(signal);
  throwIfAborted(signal);

  const probes: LatencyProbe[] = [];
  for (const { model, uses } of probeTargets(settings, models.ok ? models.value : [])) {
    onStep(`timing ${model}`);
    probes.push({ model, uses, result: await probe(ollama, model, signal, displayHost(connection.host)) });
  }
  const loadedAfterProbe = probes.length > 0 ? toOutcome(await ollama.loadedModels(signal), toLoaded) : undefined;
  throwIfAborted(signal);

  return {
    ...base,
    daemon: { ok: true, value: version.value },
    models: toOutcome(models, (list) => list),
    loaded: toOutcome(loaded, toLoaded),
    ...(loadedAfterProbe ? { loadedAfterProbe } : {}),
    probes,
  };
}

/** The configured models that are installed and can generate, once each. */
function probeTargets(settings: SnapshotSettings, installed: readonly ModelInfo[]): { model: string; uses: ModelUse[] }[] {
  const targets: { model: string; uses: ModelUse[] }[] = [];
  const wanted: [string, ModelUse][] = [
    ...(settings.completionEnabled ? [[settings.completionModel, 'completion'] as [string, ModelUse]] : []),
    [settings.chatModel, 'chat'],
  ];
  for (const [name, use] of wanted) {
    const info = name ? findModel(installed, name) : undefined;
    if (!info || !info.capabilities.includes('completion')) continue;
    const existing = targets.find((t) => sameModelName(t.model, info.name));
    if (existing) existing.uses.push(use);
    else targets.push({ model: info.name, uses: [use] });
  }
  return targets;
}

async function probe(ollama: DiagnosticsSources['ollama'], model: string, signal: AbortSignal, host: string): Promise<Outcome<ProbeStats>> {
  try {
    const stream = ollama.generate({ model, prompt: PROBE_PROMPT, options: { num_predict: PROBE_TOKENS } }, signal, { kind: 'probe', originId: 'diagnostics' });
    for await (const event of stream) {
      if (event.kind !== 'done') continue;
      const { loadMs, promptEvalMs, evalTokens, evalMs } = event.stats;
      return { ok: true, value: { loadMs, promptEvalMs, evalTokens, evalMs } };
    }
    return { ok: false, message: 'The answer ended without its final chunk.' };
  } catch (error) {
    const failure = failureOf(error, { host, model });
    if (failure.kind === 'cancelled') throw abortError();
    return { ok: false, message: failure.message, kind: failure.kind };
  }
}

function toOutcome<T, U>(result: Result<T>, map: (value: T) => U): Outcome<U> {
  return result.ok ? { ok: true, value: map(result.value) } : { ok: false, message: result.failure.message, kind: result.failure.kind };
}

function toLoaded(models: readonly SnapshotLoadedModel[]): readonly SnapshotLoadedModel[] {
  return models.map((m) => ({
    name: m.name,
    sizeBytes: m.sizeBytes,
    sizeVramBytes: m.sizeVramBytes,
    ...(m.contextLength !== undefined ? { contextLength: m.contextLength } : {}),
  }));
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw abortError();
}

function abortError(): Error {
  return new DOMException('Diagnostics cancelled', 'AbortError');
}
