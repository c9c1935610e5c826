// API keys inside a real VS Code: stored with Set API Key… in SecretStorage,
// sent as a bearer token to their own host and no other, and absent from the
// settings, the log and the diagnostics report even when a server echoes it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { toConnectionConfig } from '../../../src/core/connection/connectionConfig';
import type { ConnectionConfig } from '../../../src/core/connection/connectionConfig';
import type { HearthApi } from '../../../src/hearthApi';
import { activateHearth, setHearthSetting, waitForConnection } from '../hearthApi';
import { OllamaStandIn } from '../../fakes/ollamaStandIn';
import type { RecordedRequest } from '../../fakes/ollamaStandIn';

const KEY = 'sk-hearth-team-7f3a9c2e5b1d4086';
const MIGRATED = 'sk-hearth-settings-51c0e9aa27d3b864';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const authorization = (r: RecordedRequest | undefined): unknown => r?.headers.authorization;

describe('API keys, inside VS Code', function () {
  this.timeout(60_000);
  let team: OllamaStandIn;
  let other: OllamaStandIn;
  let api: HearthApi;
  const restore: (() => void)[] = [];

  /** Answers the next input box / warning with `answer` (a pass-through spy for everything else). */
  function answerPrompts(answers: { inputBox?: string; warning?: string }): void {
    const window = vscode.window as unknown as Record<string, (...args: unknown[]) => Thenable<unknown>>;
    for (const [name, answer] of [['showInputBox', answers.inputBox], ['showWarningMessage', answers.warning]] as const) {
      const original = window[name]!;
      window[name] = (...args: unknown[]) => (answer !== undefined ? Promise.resolve(answer) : original.apply(vscode.window, args));
      restore.push(() => (window[name] = original));
    }
  }

  /** The last request the stand-in saw from now on, to `path`, after `action`. */
  async function requestAfter(standIn: OllamaStandIn, action: () => Promise<unknown>): Promise<RecordedRequest> {
    const before = standIn.requests.length;
    await action();
    const seen = standIn.requests.slice(before);
    assert.ok(seen.length > 0, 'a request reached the stand-in');
    return seen[seen.length - 1]!;
  }

  /** What the user settings file holds; the file must exist, so a wrong path cannot pass as "no key in it". */
  function userSettingsText(): string {
    // The log folder is <user data>/logs/<session>/exthost<n>/hearth.hearth; settings are <user data>/User/settings.json.
    const file = path.join(api.logFolder.fsPath, '..', '..', '..', '..', 'User', 'settings.json');
    assert.ok(fs.existsSync(file), `the user settings file is at ${file}`);
    return fs.readFileSync(file, 'utf8');
  }

  before(async () => {
    team = await OllamaStandIn.start({ latency: { loadMs: 0, timeToFirstTokenMs: 2, perPromptTokenMs: 0, perTokenMs: 2 } });
    other = await OllamaStandIn.start({ latency: { loadMs: 0, timeToFirstTokenMs: 2, perPromptTokenMs: 0, perTokenMs: 2 } });
    api = await activateHearth();
    await setHearthSetting('ollama.host', team.url);
    await waitForConnection(api, (s) => s.status === 'connected', 'the team stand-in', 30_000);
  });

  afterEach(() => {
    for (const undo of restore.splice(0).reverse()) undo();
    team.clearFaults();
  });

  after(async () => {
    // Remove API Key… asks which host: pick the (only) one, so later suites start without a key.
    const window = vscode.window as unknown as { showQuickPick: (items: readonly string[]) => Thenable<string | undefined> };
    const pick = window.showQuickPick;
    window.showQuickPick = (items) => Promise.resolve(items[0]);
    try {
      await vscode.commands.executeCommand('hearth.removeApiKey');
    } finally {
      window.showQuickPick = pick;
    }
    for (const key of ['ollama.host', 'ollama.headers', 'completion.model']) await setHearthSetting(key, undefined);
    await team.close();
    await other.close();
  });

  it('Set API Key… stores the key; requests to its host carry it as a bearer token, another host never sees it', async () => {
    const without = await requestAfter(team, () => api.ollama.version());
    assert.equal(authorization(without), undefined, 'no key before one is set');

    answerPrompts({ inputBox: `  ${KEY}\n` });
    await vscode.commands.executeCommand('hearth.setApiKey');
    const withKey = await requestAfter(team, () => api.ollama.version());
    assert.equal(authorization(withKey), `Bearer ${KEY}`);
    const chat = await requestAfter(team, async () => {
      for await (const event of api.ollama.chat({ model: 'qwen2.5-coder:7b', messages: [{ role: 'user', content: 'hi' }] }, new AbortController().signal)) void event;
    });
    assert.equal(chat.path, '/api/chat');
    assert.equal(authorization(chat), `Bearer ${KEY}`, 'streamed requests carry it too');

    await setHearthSetting('ollama.host', other.url);
    await waitForConnection(api, (s) => s.status === 'connected', 'the other stand-in', 30_000);
    await api.ollama.version();
    assert.ok(other.requests.length > 0, 'the other host was asked');
    assert.deepEqual(other.requests.filter((r) => authorization(r) !== undefined).map((r) => r.path), [], 'no request to the other host had a key');

    await setHearthSetting('ollama.host', team.url);
    await waitForConnection(api, (s) => s.status === 'connected', 'the team stand-in again', 30_000);
    assert.equal(authorization(await requestAfter(team, () => api.ollama.version())), `Bearer ${KEY}`, 'back on its host, the key is sent again');
  });

  it('the key is in no setting, and masked in the log and the diagnostics report when a server echoes it', async () => {
    assert.ok(!JSON.stringify(vscode.workspace.getConfiguration('hearth')).includes(KEY), 'not in the effective settings');
    assert.ok(!userSettingsText().includes(KEY), 'not in settings.json');

    // A proxy that echoes the token it rejected, into an error Hearth logs (the warm-up's) and reports (the daemon check).
    team.injectFault('/api/generate', { kind: 'status', status: 500, error: `upstream refused token ${KEY}` }, 5);
    await setHearthSetting('completion.model', 'codellama:7b-code');
    const logFile = path.join(api.logFolder.fsPath, 'Hearth.log');
    let log = '';
    for (let i = 0; i < 100 && !/Could not warm codellama:7b-code/.test(log); i++) {
      await sleep(100);
      log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
    }
    assert.match(log, /Could not warm codellama:7b-code: .*upstream refused token ••••••••/, 'the echo reached the log, masked');
    assert.ok(!log.includes(KEY), 'the key is not in the log');

    team.injectFault('/api/version', { kind: 'status', status: 500, error: `upstream refused token ${KEY}` }, 5);
    const report = await api.diagnostics.run();
    assert.ok(report, 'the report ran');
    assert.match(report.markdown, /upstream refused token ••••••••/, 'the echo is in the report, masked');
    assert.ok(!report.markdown.includes(KEY), 'the key is not in the report');
    assert.ok(!JSON.stringify(report.checks).includes(KEY), 'nor in the checks the Status tab shows');
  });

  it('a bearer token in hearth.ollama.headers is offered for moving once; moved, it leaves the settings and keeps working', async () => {
    await setHearthSetting('ollama.headers', { Authorization: `Bearer ${MIGRATED}`, 'X-Team': 'blue' });
    await waitForConnection(api, (s) => s.status === 'connected', 'the team stand-in', 30_000);
    let offers = 0;
    const window = vscode.window as unknown as Record<string, (...args: unknown[]) => Thenable<unknown>>;
    const original = window.showWarningMessage!;
    window.showWarningMessage = (message: unknown) => {
      if (String(message).includes('holds an API key')) offers++;
      return Promise.resolve('Move to Secret Storage');
    };
    restore.push(() => (window.showWarningMessage = original));
    const settings = vscode.workspace.getConfiguration('hearth');

    await api.offerKeyMigration(currentConnection(), settings.get<Record<string, string>>('ollama.headers') ?? {});
    assert.equal(offers, 1);
    assert.deepEqual(vscode.workspace.getConfiguration('hearth').get('ollama.headers'), { 'X-Team': 'blue' }, 'the token left the settings, the other header stayed');
    assert.ok(!userSettingsText().includes(MIGRATED), 'not in settings.json');
    const request = await requestAfter(team, () => api.ollama.version());
    assert.equal(authorization(request), `Bearer ${MIGRATED}`, 'the moved key is sent');
    assert.equal(request.headers['x-team'], 'blue');

    // Once per host: the same setting coming back (another machine's Settings Sync) is not asked about again.
    await setHearthSetting('ollama.headers', { Authorization: `Bearer ${MIGRATED}` });
    await api.offerKeyMigration(currentConnection(), { Authorization: `Bearer ${MIGRATED}` });
    assert.equal(offers, 1, 'asked once');
  });
});


/** The connection as Hearth dials it now (its host and headers), for the migration offer. */
function currentConnection(): ConnectionConfig {
  const hearth = vscode.workspace.getConfiguration('hearth');
  const settings = { host: hearth.get<string>('ollama.host', ''), headers: hearth.get<Record<string, string>>('ollama.headers', {}), keepAlive: '5m', numCtx: 4096 };
  return toConnectionConfig(settings, undefined);
}
