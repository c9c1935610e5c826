// First run inside a real VS Code, against the Ollama stand-in: the daemon down
// and then started, a daemon with no models, pulls from the setup steps (with
// progress, selection, cancel), diagnostics in the view. The view's buttons are
// pressed through the same handlers the webview's messages reach.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HearthApi } from '../../../src/hearthApi';
import type { StatusTabState, SetupRoleSummary } from '../../../src/shared/statusTab';
import { activateHearth, setHearthSetting, waitForConnection, waitForEvent } from '../hearthApi';
import { assertMatchesGolden, settleOnReadme } from '../diagnosticsGolden';
import { OllamaStandIn, defaultModels } from '../../fakes/ollamaStandIn';
import type { StandInModel } from '../../fakes/ollamaStandIn';

const [QWEN_BASE, QWEN_CHAT, , LLAMA] = defaultModels();
const QWEN_7B_BASE: StandInModel = { ...QWEN_BASE!, name: 'qwen2.5-coder:7b-base', parameterSize: '7.6B', sizeBytes: 4_683_087_332 };

function role(state: StatusTabState, name: 'completion' | 'chat'): SetupRoleSummary {
  const found = state.setup.roles.find((r) => r.role === name);
  assert.ok(found, `setup role ${name}: ${JSON.stringify(state.setup).slice(0, 400)}`);
  return found;
}

describe('First run and setup, inside VS Code', function () {
  this.timeout(120_000);
  let standIn: OllamaStandIn;
  let api: HearthApi;
  const progressTitles: string[] = [];
  const progressMessages: string[] = [];
  let restore: (() => void) | undefined;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('hearth');
  const userValue = (key: string): unknown => config().inspect(key)?.globalValue;
  const stateWhere = (pred: (s: StatusTabState) => boolean, what: string, timeoutMs = 20_000): Promise<StatusTabState> =>
    waitForEvent(() => api.statusTabState(), changes(api), pred, what, timeoutMs, (s) => JSON.stringify({ setup: s.setup, pulls: s.pulls }).slice(0, 600));

  before(async () => {
    standIn = await OllamaStandIn.start({ latency: { loadMs: 5, timeToFirstTokenMs: 2, perPromptTokenMs: 0, perTokenMs: 2 } });
    // Down before Hearth ever sees it: its port stays reserved for comeUp().
    await standIn.goDown();
    const window = vscode.window as { withProgress: typeof vscode.window.withProgress };
    const original = window.withProgress;
    window.withProgress = ((options: vscode.ProgressOptions, task: Parameters<typeof vscode.window.withProgress>[1]) =>
      original.call(vscode.window, options, (progress, token) => {
        progressTitles.push(options.title ?? '');
        return task({ report: (value) => { progressMessages.push(value.message ?? ''); progress.report(value); } }, token);
      })) as typeof vscode.window.withProgress;
    restore = () => { window.withProgress = original; };
    api = await activateHearth();
    for (const key of ['completion.model', 'chat.model']) await setHearthSetting(key, undefined);
  });

  after(async () => {
    restore?.();
    for (const key of ['ollama.host', 'completion.model', 'chat.model']) await setHearthSetting(key, undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await standIn.close();
  });

  it('daemon down at start: the setup shows how to start Ollama here; once it starts, Hearth recovers by itself', async () => {
    await setHearthSetting('ollama.host', standIn.url);
    await waitForConnection(api, (s) => s.status === 'down', 'the daemon to be seen down', 20_000);
    const down = api.statusTabState();
    assert.equal(down.setup.needed, true);
    assert.equal(down.setup.daemon, 'down');
    assert.equal(down.setup.notRunning, true);
    const commands = down.setup.startSteps.map((s) => s.command);
    assert.ok(commands.includes('ollama serve'), JSON.stringify(down.setup.startSteps));
    if (process.platform === 'linux') assert.ok(commands.includes('sudo systemctl start ollama'));
    assert.equal(api.setupContext()['hearth.platform'], process.platform);
    assert.equal(api.setupContext()['hearth.ollamaConnected'], false);
    await settleOnReadme(api);
    assertMatchesGolden('daemon-down', (await api.diagnostics.run())!.markdown);

    await standIn.comeUp();
    // No Retry, no reload: the connection monitor's own back-off finds it.
    await waitForConnection(api, (s) => s.status === 'connected', 'Hearth to reconnect by itself', 30_000);
    const up = await stateWhere((s) => s.setup.daemon === 'ready', 'the setup to see the daemon');
    assert.equal(up.setup.needed, false, JSON.stringify(up.setup.roles));
    assert.equal(api.setupContext()['hearth.ollamaConnected'], true);
    assert.equal(api.setupContext()['hearth.completionModelReady'], true);
    assert.equal(api.setupContext()['hearth.chatModelReady'], true);
  });

  it('daemon up with no models: the setup offers pulls by role, with sizes, small GPUs first', async () => {
    // A daemon restarted without models: nothing installed, nothing loaded (the warm-up of the first test included).
    standIn.models.splice(0);
    await standIn.goDown();
    await standIn.comeUp();
    standIn.pullable = [QWEN_BASE!, QWEN_7B_BASE, QWEN_CHAT!, LLAMA!];
    await vscode.commands.executeCommand('hearth.refreshModels');
    const state = await stateWhere((s) => s.setup.roles.length === 2 && role(s, 'completion').status === 'missing', 'the no-models setup');
    assert.equal(state.setup.needed, true);
    const completion = role(state, 'completion');
    assert.deepEqual(completion.pulls.map((p) => [p.name, p.sizeBytes]), [['qwen2.5-coder:1.5b-base', 986_000_000], ['qwen2.5-coder:7b-base', 4_700_000_000]]);
    assert.deepEqual(role(state, 'chat').pulls.map((p) => p.name), ['qwen2.5-coder:7b', 'llama3.2:3b', 'qwen2.5-coder:32b']);
    assert.equal(api.setupContext()['hearth.completionModelReady'], false);
    await settleOnReadme(api);
    assertMatchesGolden('no-models', (await api.diagnostics.run())!.markdown);
  });

  it('the view refuses to pull a model the setup did not offer', async () => {
    const pulls = standIn.requestsTo('/api/pull').length;
    await api.panel.handleMessage({ type: 'pullForRole', role: 'completion', model: 'evil/miner:latest' });
    await api.panel.handleMessage({ type: 'pullForRole', role: 'chat', model: 'qwen2.5-coder:7b-base' }); // offered, but for the other role
    assert.equal(standIn.requestsTo('/api/pull').length, pulls);
    assert.equal(userValue('completion.model'), undefined);
  });

  it('a pull from the setup shows progress (notification and view) and ends with the model selected and warmed', async () => {
    // Slow enough for the view's progress events (at most 4 a second) to see the middle.
    standIn.latency = { ...standIn.latency, perTokenMs: 150 };
    progressTitles.length = 0;
    progressMessages.length = 0;
    const seen: number[] = [];
    const sub = api.pulls.onDidChange(() => {
      for (const p of api.statusTabState().pulls) if (p.model === 'qwen2.5-coder:7b-base' && p.status === 'running') seen.push(p.percent);
    });
    try {
      await api.panel.handleMessage({ type: 'pullForRole', role: 'completion', model: 'qwen2.5-coder:7b-base' });
    } finally {
      sub.dispose();
      standIn.latency = { ...standIn.latency, perTokenMs: 2 };
    }
    assert.deepEqual(progressTitles, ['Hearth: pulling qwen2.5-coder:7b-base']);
    assert.ok(progressMessages.some((m) => /^pulling [0-9a-f]{8}… \d+% \(.+ of 4\.7 GB\)$/.test(m)), JSON.stringify(progressMessages));
    assert.ok(seen.length >= 2, `the view saw progress: ${JSON.stringify(seen)}`);
    assert.ok(seen.some((p) => p > 0 && p < 100), `a percent between 0 and 100: ${JSON.stringify(seen)}`);
    assert.deepEqual([...seen].sort((a, b) => a - b), seen, 'the view never goes back');
    assert.equal(userValue('completion.model'), 'qwen2.5-coder:7b-base', 'selected in the user settings');
    const after = await stateWhere((s) => role(s, 'completion').status === 'ready', 'the completion step to be done');
    assert.deepEqual(after.pulls, []);
    assert.equal(api.setupContext()['hearth.completionModelReady'], true);
    // The pull's follow-up: the new completion model is loaded with Hearth's keep_alive and num_ctx.
    const warm = await standIn.waitForRequest((r) => r.path === '/api/generate' && (r.body as { model?: string }).model === 'qwen2.5-coder:7b-base', 20_000);
    const body = warm.body as { prompt?: string; keep_alive?: unknown; options?: { num_ctx?: number } };
    assert.deepEqual([body.prompt, body.keep_alive, body.options?.num_ctx], ['', '30m', 4096]);
  });

  it('a pull cancelled from the view closes the download and sets no model', async () => {
    standIn.latency = { ...standIn.latency, perTokenMs: 200 };
    const pulling = api.panel.handleMessage({ type: 'pullForRole', role: 'chat', model: 'llama3.2:3b' });
    const request = await standIn.waitForRequest((r) => r.path === '/api/pull' && (r.body as { name?: string }).name === 'llama3.2:3b', 10_000);
    await stateWhere((s) => s.pulls.some((p) => p.model === 'llama3.2:3b' && p.status === 'running'), 'the pull in the view');
    const deadline = Date.now() + 10_000;
    while (request.tokensSent < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await api.panel.handleMessage({ type: 'cancelPull', model: 'llama3.2:3b' });
    await pulling;
    standIn.latency = { ...standIn.latency, perTokenMs: 2 };
    assert.equal(await standIn.waitForOutcome(request, 5_000), 'clientClosed');
    assert.equal(userValue('chat.model'), undefined, 'no chat model set');
    assert.ok(!standIn.models.some((m) => m.name === 'llama3.2:3b'), 'nothing installed');
    const state = await stateWhere((s) => s.pulls.length === 0, 'the download to leave the view');
    assert.equal(role(state, 'chat').status, 'missing');
  });

  it('the chat pull completes the setup', async () => {
    await api.panel.handleMessage({ type: 'pullForRole', role: 'chat', model: 'llama3.2:3b' });
    assert.equal(userValue('chat.model'), 'llama3.2:3b');
    const state = await stateWhere((s) => !s.setup.needed, 'the setup to be complete');
    assert.deepEqual(state.models.map((m) => m.name).sort(), ['llama3.2:3b', 'qwen2.5-coder:7b-base']);
    assert.equal(api.setupContext()['hearth.setupNeeded'], false);
  });

  it('diagnostics run from the view: the report is in the view and copies as Markdown', async () => {
    await settleOnReadme(api);
    await api.panel.handleMessage({ type: 'diagnostics', action: 'run' });
    const state = api.statusTabState();
    assert.ok(state.diagnostics?.status === 'done', JSON.stringify(state.diagnostics));
    assert.equal(state.diagnostics.checks.find((c) => c.id === 'completionModel')?.status, 'pass');
    assert.equal(state.diagnostics.checks.find((c) => c.id === 'chatModel')?.status, 'pass');
    await api.panel.handleMessage({ type: 'diagnostics', action: 'copy' });
    const copied = await vscode.env.clipboard.readText();
    assert.equal(copied, api.diagnostics.lastReport?.markdown);
    assertMatchesGolden('after-setup', copied);
    // The probe loaded both models: the model list says so, fully in GPU memory.
    await api.loadedModels.refresh();
    const loaded = api.statusTabState().models.filter((m) => m.loaded);
    assert.deepEqual(loaded.map((m) => m.name).sort(), ['llama3.2:3b', 'qwen2.5-coder:7b-base']);
    for (const m of loaded) assert.equal(m.loaded?.vramBytes, m.loaded?.sizeBytes, m.name);
  });

  it("the walkthrough's model button offers installed models and downloads with sizes, and pulls the pick", async () => {
    const window = vscode.window as { showQuickPick: (...args: unknown[]) => Thenable<unknown> };
    const original = window.showQuickPick;
    let offered: (vscode.QuickPickItem & { model?: string; pull?: boolean })[] = [];
    window.showQuickPick = (items: unknown) => {
      offered = items as typeof offered;
      return Promise.resolve(offered.find((i) => i.model === 'qwen2.5-coder:7b'));
    };
    try {
      const picked = await vscode.commands.executeCommand('hearth.setupModel', 'chat');
      assert.equal(picked, 'qwen2.5-coder:7b');
    } finally {
      window.showQuickPick = original;
    }
    const rows = offered.map((i) => (i.kind === vscode.QuickPickItemKind.Separator ? `— ${i.label}` : `${i.label} | ${i.description ?? ''}`));
    assert.deepEqual(rows, [
      '— Installed',
      'llama3.2:3b | in use',
      '— Download (ollama pull)',
      '$(cloud-download) qwen2.5-coder:7b | 4.7 GB download · 8 GB GPU',
      '$(cloud-download) qwen2.5-coder:32b | 20.0 GB download · 24 GB GPU',
    ]);
    assert.equal(userValue('chat.model'), 'qwen2.5-coder:7b');
    assert.ok(standIn.models.some((m) => m.name === 'qwen2.5-coder:7b'), 'pulled');
  });
});

/** Fires when anything the view shows may have changed. */
function changes(api: HearthApi): vscode.Event<StatusTabState> {
  return (listener) => {
    const emit = (): void => {
      listener(api.statusTabState());
    };
    const subs = [api.connection.onDidChange(emit), api.pulls.onDidChange(emit), api.loadedModels.onDidChange(emit), vscode.workspace.onDidChangeConfiguration(emit)];
    return { dispose: () => { for (const sub of subs) sub.dispose(); } };
  };
}
