import * as assert from 'node:assert/strict';
import { buildDiagnostics } from '../../../../src/core/diagnostics/buildDiagnostics';
import type { DiagnosticCheck } from '../../../../src/core/diagnostics/diagnosticCheck';
import type { SnapshotSettings } from '../../../../src/core/diagnostics/diagnosticsSnapshot';
import { collectDiagnostics } from '../../../../src/core/diagnostics/collectDiagnostics';
import type { DiagnosticsSources } from '../../../../src/core/diagnostics/collectDiagnostics';
import type { OllamaService } from '../../../../src/ollama/ollamaService';
import { defaultModels } from '../../../fakes/ollamaStandIn';
import type { OllamaStandIn } from '../../../fakes/ollamaStandIn';
import { StandInService } from '../../../fakes/standInService';

const SETTINGS: SnapshotSettings = {
  completionModel: 'qwen2.5-coder:1.5b-base', chatModel: 'qwen2.5-coder:7b', numCtx: 4096, keepAlive: '30m',
  completionEnabled: true, completionTemplate: 'auto',
};

function statusOf(checks: readonly DiagnosticCheck[], id: string): string | undefined {
  return checks.find((c) => c.id === id)?.status;
}

describe('collectDiagnostics against the stand-in', () => {
  let rig: StandInService;
  let standIn: OllamaStandIn;
  let service: OllamaService;

  function sources(settings: Partial<SnapshotSettings> = {}): DiagnosticsSources {
    return { ollama: service, connection: rig.connection, settings: { ...SETTINGS, ...settings }, instructions: { status: 'noFolder' } };
  }

  beforeEach(async () => {
    rig = await StandInService.start({
      standIn: { latency: { loadMs: 20, timeToFirstTokenMs: 2, perPromptTokenMs: 0, perTokenMs: 1 } },
      timeouts: { metadataMs: 1_000, firstChunkMs: 2_000, idleMs: 1_000 },
    });
    ({ standIn, service } = rig);
  });
  afterEach(async () => {
    await rig.close();
  });

  it('healthy: probes each configured model once with num_predict 8, reading /api/ps before and after', async () => {
    const snapshot = await collectDiagnostics(sources(), new AbortController().signal);
    assert.deepEqual(snapshot.daemon, { ok: true, value: standIn.version });
    assert.equal(snapshot.host.source, 'setting');
    assert.deepEqual(snapshot.probes.map((p) => [p.model, p.uses]), [['qwen2.5-coder:1.5b-base', ['completion']], ['qwen2.5-coder:7b', ['chat']]]);
    for (const p of snapshot.probes) assert.ok(p.result.ok && p.result.value.loadMs >= 15, JSON.stringify(p.result));
    const bodies = standIn.requestsTo('/api/generate').map((r) => r.body as { options?: { num_predict?: number; num_ctx?: number } });
    assert.deepEqual(bodies.map((b) => b.options?.num_predict), [8, 8]);
    assert.deepEqual(bodies.map((b) => b.options?.num_ctx), [4096, 4096]);
    assert.equal(standIn.requestsTo('/api/ps').length, 2);
    assert.ok(snapshot.loaded?.ok && snapshot.loaded.value.length === 0);
    assert.ok(snapshot.loadedAfterProbe?.ok && snapshot.loadedAfterProbe.value.length === 2);
    const checks = buildDiagnostics(snapshot);
    assert.deepEqual(checks.filter((c) => c.status !== 'pass' && c.status !== 'skip').map((c) => `${c.id}: ${c.detail}`), []);
  });

  it('one model for both uses is probed once', async () => {
    const snapshot = await collectDiagnostics(sources({ completionModel: 'qwen2.5-coder:7b' }), new AbortController().signal);
    assert.deepEqual(snapshot.probes.map((p) => [p.model, p.uses]), [['qwen2.5-coder:7b', ['completion', 'chat']]]);
    assert.equal(standIn.requestsTo('/api/generate').length, 1);
  });

  it('daemon down: one failing check, no further requests', async () => {
    await standIn.goDown();
    const snapshot = await collectDiagnostics(sources(), new AbortController().signal);
    assert.ok(!snapshot.daemon.ok && snapshot.daemon.kind === 'unreachable');
    assert.equal(snapshot.models, undefined);
    assert.equal(statusOf(buildDiagnostics(snapshot), 'daemon'), 'fail');
  });

  it('a completion model without insert and no known template fails', async () => {
    const checks = buildDiagnostics(await collectDiagnostics(sources({ completionModel: 'llama3.2:3b' }), new AbortController().signal));
    assert.equal(statusOf(checks, 'completionModel'), 'fail');
  });

  it('partial CPU offload warns after the probe loads the model', async () => {
    standIn.models.push({ ...defaultModels()[1]!, name: 'big-coder:32b', vramFraction: 0.25 });
    const checks = buildDiagnostics(await collectDiagnostics(sources({ chatModel: 'big-coder:32b' }), new AbortController().signal));
    const offload = checks.find((c) => c.id === 'gpuOffload');
    assert.equal(offload?.status, 'warn');
    assert.match(offload.detail, /`big-coder:32b` is 75% on the CPU/);
  });

  it('a model loaded with another num_ctx warns, seen before the probe reloads it', async () => {
    await (await fetch(`${standIn.url}/api/generate`, {
      method: 'POST', body: JSON.stringify({ model: 'qwen2.5-coder:7b', prompt: 'x', stream: false, options: { num_ctx: 8192 } }),
    })).json();
    const checks = buildDiagnostics(await collectDiagnostics(sources(), new AbortController().signal));
    const numCtx = checks.find((c) => c.id === 'numCtx');
    assert.equal(numCtx?.status, 'warn');
    assert.match(numCtx.detail, /context length 8192, but Hearth asks for 4096/);
    assert.equal(standIn.reloadCount('qwen2.5-coder:7b'), 1, 'the probe itself reloaded it, as the warning says');
  });

  it('cancelling closes the probe request and rejects with AbortError', async () => {
    standIn.latency = { ...standIn.latency, timeToFirstTokenMs: 5_000 };
    const controller = new AbortController();
    const running = collectDiagnostics(sources(), controller.signal);
    const request = await standIn.waitForRequest((r) => r.path === '/api/generate');
    controller.abort();
    await assert.rejects(running, (e: Error) => e.name === 'AbortError');
    assert.equal(await standIn.waitForOutcome(request), 'clientClosed');
    assert.equal(standIn.requestsTo('/api/generate').length, 1, 'no probe after the cancel');
  });
});
