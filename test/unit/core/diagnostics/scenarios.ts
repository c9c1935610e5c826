import type { DiagnosticsSnapshot, SnapshotLoadedModel, SnapshotModel } from '../../../../src/core/diagnostics/diagnosticsSnapshot';

// Snapshots that mirror the stand-in's scenarios, with fixed numbers so the
// rendered reports can be compared with the golden files.

const QWEN_BASE: SnapshotModel = {
  name: 'qwen2.5-coder:1.5b-base', family: 'qwen2', capabilities: ['completion'], capabilitiesReported: true,
  contextLength: 32_768, template: '{{ .Prompt }}',
};
const QWEN_CHAT: SnapshotModel = {
  name: 'qwen2.5-coder:7b', family: 'qwen2', capabilities: ['completion', 'insert', 'tools'], capabilitiesReported: true,
  contextLength: 32_768, template: '{{- if .Suffix }}<|fim_prefix|>…',
};
const LLAMA: SnapshotModel = {
  name: 'llama3.2:3b', family: 'llama', capabilities: ['completion', 'tools'], capabilitiesReported: true,
  contextLength: 131_072, template: '<|start_header_id|>system<|end_header_id|>…',
};

const GB = 1_000_000_000;

function loaded(name: string, sizeBytes: number, vramShare = 1, contextLength = 4096): SnapshotLoadedModel {
  return { name, sizeBytes, sizeVramBytes: Math.round(sizeBytes * vramShare), contextLength };
}

export function healthy(): DiagnosticsSnapshot {
  return {
    host: { url: 'http://127.0.0.1:11434', source: 'default', isLoopback: true },
    daemon: { ok: true, value: '0.12.6' },
    models: { ok: true, value: [QWEN_BASE, QWEN_CHAT, LLAMA] },
    loaded: { ok: true, value: [] },
    loadedAfterProbe: { ok: true, value: [loaded('qwen2.5-coder:7b', 6.1 * GB), loaded('qwen2.5-coder:1.5b-base', 1.4 * GB)] },
    settings: {
      completionModel: 'qwen2.5-coder:1.5b-base', chatModel: 'qwen2.5-coder:7b', numCtx: 4096, keepAlive: '30m',
      completionEnabled: true, completionTemplate: 'auto',
    },
    probes: [
      { model: 'qwen2.5-coder:1.5b-base', uses: ['completion'], result: { ok: true, value: { loadMs: 812, promptEvalMs: 31, evalTokens: 8, evalMs: 64 } } },
      { model: 'qwen2.5-coder:7b', uses: ['chat'], result: { ok: true, value: { loadMs: 2_410, promptEvalMs: 88, evalTokens: 8, evalMs: 190 } } },
    ],
    instructions: { status: 'ready', files: 2, tokens: 412, forFile: 'src/app.ts' },
  };
}

export function daemonDown(): DiagnosticsSnapshot {
  const { models: _m, loaded: _l, loadedAfterProbe: _a, ...rest } = healthy();
  return {
    ...rest,
    daemon: { ok: false, kind: 'unreachable', message: 'TypeError: fetch failed (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:11434)' },
    probes: [],
  };
}

export function noModels(): DiagnosticsSnapshot {
  const { loadedAfterProbe: _a, ...rest } = healthy();
  return { ...rest, models: { ok: true, value: [] }, loaded: { ok: true, value: [] }, probes: [] };
}

/** llama3.2 as the completion model: no insert, and no FIM template Hearth knows. */
export function completionWithoutInsert(): DiagnosticsSnapshot {
  const s = healthy();
  return {
    ...s,
    settings: { ...s.settings, completionModel: 'llama3.2:3b' },
    loadedAfterProbe: { ok: true, value: [loaded('qwen2.5-coder:7b', 6.1 * GB), loaded('llama3.2:3b', 3.4 * GB)] },
    probes: [
      { model: 'llama3.2:3b', uses: ['completion'], result: { ok: true, value: { loadMs: 1_530, promptEvalMs: 42, evalTokens: 8, evalMs: 110 } } },
      s.probes[1]!,
    ],
  };
}

/** The chat model does not fit the GPU: 40 % of it runs on the CPU. */
export function partialOffload(): DiagnosticsSnapshot {
  const s = healthy();
  return {
    ...s,
    loadedAfterProbe: { ok: true, value: [loaded('qwen2.5-coder:7b', 6.1 * GB, 0.6), loaded('qwen2.5-coder:1.5b-base', 1.4 * GB)] },
    probes: [
      s.probes[0]!,
      { model: 'qwen2.5-coder:7b', uses: ['chat'], result: { ok: true, value: { loadMs: 5_920, promptEvalMs: 610, evalTokens: 8, evalMs: 1_150 } } },
    ],
  };
}

/** Another client loaded the chat model with num_ctx 8192; Hearth asks for 4096. */
export function mismatchedNumCtx(): DiagnosticsSnapshot {
  const s = healthy();
  return { ...s, loaded: { ok: true, value: [loaded('qwen2.5-coder:7b', 6.8 * GB, 1, 8192)] } };
}

export function remoteHost(): DiagnosticsSnapshot {
  return { ...healthy(), host: { url: 'http://gpu-box.lan:11434', source: 'setting', isLoopback: false } };
}

export const SCENARIOS: Readonly<Record<string, () => DiagnosticsSnapshot>> = {
  healthy,
  'daemon-down': daemonDown,
  'no-models': noModels,
  'completion-without-insert': completionWithoutInsert,
  'partial-offload': partialOffload,
  'mismatched-num-ctx': mismatchedNumCtx,
  'remote-host': remoteHost,
};
