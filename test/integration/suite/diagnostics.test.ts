// Model pulls and the diagnostics report inside a real VS Code, against the
// Ollama stand-in. The commands are wired into extension.ts separately, so the
// tests call the feature functions with the services Hearth's API exposes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HearthApi } from '../../../src/hearthApi';
import type { DiagnosticCheck } from '../../../src/core/diagnostics/diagnosticCheck';
import { toConnectionConfig } from '../../../src/core/connection/connectionConfig';
import { gatherDiagnosticsReport } from '../../../src/core/diagnostics/diagnosticsReport';
import type { DiagnosticsDeps } from '../../../src/core/diagnostics/diagnosticsReport';
import { aboutThisSetup, runDiagnostics } from '../../../src/features/diagnostics/runDiagnostics';
import { toInstructionsSummary } from '../../../src/features/instructions/instructionsSummary';
import { pullModel } from '../../../src/features/models/pullModel';
import { readSettings } from '../../../src/vscode/hearthConfiguration';
import { assertMatchesGolden, settleOnReadme } from '../diagnosticsGolden';
import { activateHearth, setHearthSetting, waitForConnection } from '../hearthApi';
import { OllamaStandIn, defaultModels } from '../../fakes/ollamaStandIn';
import type { StandInModel } from '../../fakes/ollamaStandIn';

const TINY: StandInModel = {
  name: 'tiny-coder:1b', family: 'llama', parameterSize: '1B', quantization: 'Q4_K_M', sizeBytes: 800_000_000,
  capabilities: ['completion', 'insert'], template: '{{ .Prompt }}{{ .Suffix }}', contextLength: 8192,
};

type ProgressReport = { message?: string; increment?: number };

function byId(checks: readonly DiagnosticCheck[], id: string): DiagnosticCheck {
  const found = checks.find((c) => c.id === id);
  assert.ok(found, `check ${id}; got ${checks.map((c) => `${c.id}=${c.status}`).join(', ')}`);
  return found;
}

describe('Pulls and diagnostics, inside VS Code', function () {
  this.timeout(120_000);
  let standIn: OllamaStandIn;
  let api: HearthApi;
  const reports: ProgressReport[] = [];
  const titles: string[] = [];
  let restoreWindow: (() => void) | undefined;
  const hearthConfig = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('hearth');

  const deps = (): DiagnosticsDeps => ({
    ollama: api.ollama,
    connection: () => toConnectionConfig(readSettings().ollama, process.env.OLLAMA_HOST),
    settings: readSettings,
    instructions: () => toInstructionsSummary(api.instructions.state),
    about: aboutThisSetup,
  });

  before(async () => {
    standIn = await OllamaStandIn.start({
      latency: { loadMs: 5, timeToFirstTokenMs: 2, perPromptTokenMs: 0, perTokenMs: 2 },
      pullable: [TINY],
    });
    // Pass-through spy: the notification is real; its reports are recorded,
    // since a test cannot read a notification's text.
    const window = vscode.window as { withProgress: typeof vscode.window.withProgress };
    const original = window.withProgress;
    window.withProgress = ((options: vscode.ProgressOptions, task: Parameters<typeof vscode.window.withProgress>[1]) =>
      original.call(vscode.window, options, (progress, token) => {
        titles.push(options.title ?? '');
        return task({ report: (value) => { reports.push(value); progress.report(value); } }, token);
      })) as typeof vscode.window.withProgress;
    restoreWindow = () => { window.withProgress = original; };
    api = await activateHearth();
    await setHearthSetting('ollama.host', standIn.url);
    await waitForConnection(api, (s) => s.status === 'connected' && s.models.length === standIn.models.length, 'the stand-in models', 30_000);
  });

  after(async () => {
    restoreWindow?.();
    for (const key of ['ollama.host', 'completion.model', 'chat.model']) await setHearthSetting(key, undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await standIn.close();
  });

  beforeEach(() => {
    reports.length = 0;
    titles.length = 0;
  });

  it('a pull shows progress with percent and bytes, and ends with the model selected', async () => {
    const outcome = await pullModel(api.ollama, api.connection, 'tiny-coder:1b', { role: 'completion' });
    assert.deepEqual(outcome, { status: 'pulled', model: 'tiny-coder:1b', selectedFor: 'completion' });
    assert.deepEqual(titles, ['Hearth: pulling tiny-coder:1b']);
    const messages = reports.map((r) => r.message ?? '');
    assert.ok(messages.some((m) => /^pulling [0-9a-f]{8}… \d+% \(.+ of 800\.0 MB\)$/.test(m)), `progress messages: ${JSON.stringify(messages)}`);
    assert.ok(messages.includes('success'));
    const total = reports.reduce((n, r) => n + (r.increment ?? 0), 0);
    assert.ok(Math.abs(total - 100) < 1e-6, `the bar reaches 100%, got ${total}`);
    assert.equal(hearthConfig().get('completion.model'), 'tiny-coder:1b');
    const state = api.connectionState();
    assert.ok(state.status === 'connected' && state.models.some((m) => m.name === 'tiny-coder:1b'), 'the model list was refreshed');
    assert.equal(standIn.requestsTo('/api/pull').at(-1)?.outcome, 'completed');
  });

  it('a cancelled pull closes the connection and sets no model', async () => {
    await setHearthSetting('chat.model', undefined);
    const before = hearthConfig().get<string>('chat.model');
    standIn.pullable = [{ ...TINY, name: 'slow-coder:7b', sizeBytes: 4_000_000_000 }];
    standIn.latency = { ...standIn.latency, perTokenMs: 200 };
    const cancel = new vscode.CancellationTokenSource();
    const pulling = pullModel(api.ollama, api.connection, 'slow-coder:7b', { role: 'chat', cancellation: cancel.token });
    // The ollama client sends the older `name` field for pulls.
    const pulls = (r: { path: string; body: unknown }): boolean => r.path === '/api/pull' && (r.body as { name?: string }).name === 'slow-coder:7b';
    const request = await standIn.waitForRequest(pulls, 10_000);
    const deadline = Date.now() + 10_000;
    while (request.tokensSent < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    cancel.cancel();
    const outcome = await pulling;
    assert.deepEqual(outcome, { status: 'cancelled', model: 'slow-coder:7b' });
    assert.equal(await standIn.waitForOutcome(request, 5_000), 'clientClosed');
    assert.equal(hearthConfig().get('chat.model'), before, 'no model set');
    assert.ok(!standIn.models.some((m) => m.name === 'slow-coder:7b'), 'nothing installed');
    standIn.latency = { ...standIn.latency, perTokenMs: 2 };
    cancel.dispose();
  });

  it('diagnostics fail a completion model without insert and no known template, with the fix', async () => {
    await setHearthSetting('completion.model', 'llama3.2:3b');
    await settleOnReadme(api);
    const report = await gatherDiagnosticsReport(deps(), new AbortController().signal);
    assertMatchesGolden('completion-without-insert', report.markdown);
    const completion = byId(report.checks, 'completionModel');
    assert.equal(completion.status, 'fail');
    assert.match(completion.detail, /`llama3\.2:3b` cannot fill in the middle/);
    assert.match(completion.fix ?? '', /Hearth: Select Completion Model.*qwen2\.5-coder:1\.5b-base/);
    assert.equal(byId(report.checks, 'daemon').status, 'pass');
    assert.match(report.markdown, /\| ❌ \| Completion model \|/);
    assert.match(report.markdown, new RegExp(`VS Code ${vscode.version.replace(/\./g, '\\.')}`));
  });

  it('diagnostics warn about partial CPU offload', async () => {
    standIn.models.push({ ...defaultModels()[1]!, name: 'big-coder:32b', vramFraction: 0.5 });
    await setHearthSetting('completion.model', undefined);
    await setHearthSetting('chat.model', 'big-coder:32b');
    await settleOnReadme(api);
    const report = await gatherDiagnosticsReport(deps(), new AbortController().signal);
    const offload = byId(report.checks, 'gpuOffload');
    assert.equal(offload.status, 'warn');
    assert.match(offload.detail, /`big-coder:32b` is 50% on the CPU/);
    assert.equal(byId(report.checks, 'latency:big-coder:32b').status, 'pass');
    assertMatchesGolden('partial-offload', report.markdown);
    // The view's model list shows the same once refreshed (the model was added behind Hearth's back):
    // loaded, half of it outside GPU memory.
    await api.panel.handleMessage({ type: 'refreshModels' });
    const big = api.statusTabState().models.find((m) => m.name === 'big-coder:32b');
    assert.ok(big?.loaded, 'big-coder:32b is marked loaded');
    assert.equal(Math.round((100 * big.loaded.vramBytes) / big.loaded.sizeBytes), 50);
  });

  it('diagnostics warn about a model loaded with another num_ctx', async () => {
    await setHearthSetting('chat.model', 'qwen2.5-coder:7b');
    // Another client loads the chat model with a larger context.
    await (await fetch(`${standIn.url}/api/generate`, {
      method: 'POST',
      body: JSON.stringify({ model: 'qwen2.5-coder:7b', prompt: 'x', stream: false, options: { num_ctx: 8192 } }),
    })).json();
    await settleOnReadme(api);
    const report = await gatherDiagnosticsReport(deps(), new AbortController().signal);
    assertMatchesGolden('mismatched-num-ctx', report.markdown);
    const numCtx = byId(report.checks, 'numCtx');
    assert.equal(numCtx.status, 'warn');
    assert.match(numCtx.detail, /context length 8192, but Hearth asks for 4096/);
    assert.match(numCtx.fix ?? '', /hearth\.ollama\.numCtx` to 8192/);
  });

  it('the command path shows the report as a Markdown document', async () => {
    const report = await runDiagnostics(api.diagnostics);
    assert.ok(report, 'not cancelled');
    assert.deepEqual(titles, ['Hearth: running diagnostics']);
    assert.ok(reports.some((r) => /timing /.test(r.message ?? '')), JSON.stringify(reports));
    const shown = vscode.workspace.textDocuments.find((d) => d.isUntitled && d.getText() === report.markdown);
    assert.ok(shown, 'the report is open as an untitled document');
    assert.equal(shown.languageId, 'markdown');
  });
});
