import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HearthApi } from '../../../src/hearthApi';
import { activateHearth, waitForConnection, waitForEvent } from '../hearthApi';
import { OllamaStandIn } from '../../fakes/ollamaStandIn';

describe('Foundation, inside VS Code', function () {
  this.timeout(60_000);
  let standIn: OllamaStandIn;
  let api: HearthApi;
  const shown: string[] = [];
  let restore: (() => void) | undefined;

  before(async () => {
    standIn = await OllamaStandIn.start({ latency: { loadMs: 5, timeToFirstTokenMs: 5, perPromptTokenMs: 0, perTokenMs: 20 } });
    // Spy (and pass through) on notifications, to see what the user is told.
    const window = vscode.window as { showWarningMessage: (...args: unknown[]) => Thenable<unknown>; showErrorMessage: (...args: unknown[]) => Thenable<unknown> };
    const warn = window.showWarningMessage;
    const error = window.showErrorMessage;
    window.showWarningMessage = (...args: unknown[]) => {
      shown.push(args.map(String).join(' | '));
      return warn.apply(vscode.window, args);
    };
    window.showErrorMessage = (...args: unknown[]) => {
      shown.push(args.map(String).join(' | '));
      return error.apply(vscode.window, args);
    };
    restore = () => {
      window.showWarningMessage = warn;
      window.showErrorMessage = error;
    };
    api = await activateHearth();
    await vscode.workspace.getConfiguration('hearth').update('ollama.host', standIn.url, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    restore?.();
    await vscode.workspace.getConfiguration('hearth').update('ollama.host', undefined, vscode.ConfigurationTarget.Global);
    await standIn.close();
  });

  it('registers the commands, the view and the status bar item on activation', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of [
      'hearth.showMenu',
      'hearth.retryConnection',
      'hearth.refreshModels',
      'hearth.toggleCompletions',
      'hearth.selectCompletionModel',
      'hearth.selectChatModel',
      'hearth.showLogs',
      'hearth.openSettings',
      'hearth.panel.focus',
    ]) {
      assert.ok(commands.includes(id), `${id} is registered`);
    }
    await vscode.commands.executeCommand('hearth.panel.focus');
    assert.ok(api.statusView(), 'the status bar item shows a status');
  });

  it('lists the stand-in models once connected to it', async () => {
    const state = await waitForConnection(api, (s) => s.status === 'connected' && s.models.length === standIn.models.length, 'the model list', 20_000);
    assert.ok(state.status === 'connected');
    assert.equal(state.version, standIn.version);
    const panel = api.statusTabState();
    assert.deepEqual(
      panel.models.map((m) => m.name).sort(),
      standIn.models.map((m) => m.name).sort(),
    );
    assert.equal(panel.connection.status, 'connected');
    // The completion model's warm-up may still be running (the status spinner, rightly):
    // once the daemon is idle, the status shows the connection.
    await waitForEvent(() => api.ollama.activity, api.ollama.onDidChangeActivity, (a) => a.phase === 'idle', 'the warm-up to end', 20_000, (a) => a.phase);
    assert.ok(['connected', 'attention', 'disabled'].includes(api.statusView()?.kind ?? ''), api.statusView()?.kind);
  });

  it('shows the daemon down in the status bar with a Retry message, and recovers without a reload', async () => {
    shown.length = 0;
    await standIn.goDown();
    const down = await waitForConnection(api, (s) => s.status === 'down', 'the outage to be noticed', 20_000);
    assert.ok(down.status === 'down' && down.failure.kind === 'unreachable');
    assert.equal(api.statusView()?.kind, 'down');
    assert.equal(api.statusTabState().connection.status, 'down');
    assert.ok(
      shown.some((m) => m.includes('Cannot reach Ollama') && m.includes('Retry')),
      `a message with Retry was shown: ${JSON.stringify(shown)}`,
    );
    await standIn.comeUp();
    await waitForConnection(api, (s) => s.status === 'connected' && s.models.length > 0, 'recovery', 20_000);
    assert.notEqual(api.statusView()?.kind, 'down');
  });

  it('Retry reconnects at once when the daemon is back', async () => {
    await standIn.goDown();
    await waitForConnection(api, (s) => s.status === 'down', 'down', 20_000);
    await standIn.comeUp();
    const status = await vscode.commands.executeCommand<string>('hearth.retryConnection');
    assert.equal(status, 'connected');
  });

  it('a cancelled stream is seen by the stand-in as a closed connection', async () => {
    standIn.reply(() => ({ tokens: Array.from({ length: 200 }, (_, i) => `tok${i} `) }));
    const controller = new AbortController();
    const stream = api.ollama.generate({ model: 'qwen2.5-coder:7b', prompt: 'function main() {' }, controller.signal)[Symbol.asyncIterator]();
    const first = await stream.next();
    assert.equal(first.done === true ? undefined : first.value.kind, 'text');
    controller.abort();
    await assert.rejects(async () => {
      // drain until the cancellation surfaces
      while (!(await stream.next()).done);
    }, /cancelled/);
    const request = standIn.requestsTo('/api/generate').at(-1)!;
    assert.equal(await standIn.waitForOutcome(request, 5_000), 'clientClosed');
    assert.ok(request.tokensSent < 200, 'generation stopped early');
  });
});
