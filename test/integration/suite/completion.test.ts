// Inline completions inside a real VS Code, against the Ollama stand-in: real
// typing (the `type` command), VS Code's own inline suggestion machinery, and
// the HTTP requests the stand-in records. Timeouts are hang guards only.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HearthApi } from '../../../src/hearthApi';
import type { ServedCompletion } from '../../../src/features/completion/completionFeature';
import { activateHearth, setHearthSetting, waitForConnection } from '../hearthApi';
import { newLineAtEnd, nextServed as nextServedFrom, typeKeys } from '../completionDriving';
import { OllamaStandIn, wordTokens } from '../../fakes/ollamaStandIn';
import type { RecordedRequest } from '../../fakes/ollamaStandIn';

const enc = new TextEncoder();
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** Longer than the debounce used here plus VS Code's own 50 ms: time in which a stray request would have started. */
const QUIET_MS = 1_500;

describe('Inline completions, inside VS Code', function () {
  this.timeout(120_000);
  let standIn: OllamaStandIn;
  let api: HearthApi;
  let editor: vscode.TextEditor;
  let file: vscode.Uri;
  const notifications: string[] = [];
  const served: ServedCompletion[] = [];
  const cleanups: (() => unknown)[] = [];

  /** Generation requests only: a warm-up is an empty prompt. */
  const generations = (): RecordedRequest[] =>
    standIn.requestsTo('/api/generate').filter((r) => ((r.body as { prompt?: string } | undefined)?.prompt ?? '') !== '');
  const bodyOf = (r: RecordedRequest | undefined): Record<string, unknown> => (r?.body ?? {}) as Record<string, unknown>;

  const nextServed = (pred: (s: ServedCompletion) => boolean, what: string): Promise<ServedCompletion> => nextServedFrom(api, pred, what, served);
  const modelAnswer = (text: string) => (s: ServedCompletion): boolean =>
    s.outcome.kind === 'answer' && (s.outcome.origin === 'model' || s.outcome.origin === 'reused') && s.outcome.text === text;

  const type = typeKeys;

  /**
   * Runs Tab's command (or another accept command) once the ghost text is shown:
   * VS Code shows it a moment after the provider returns, longer on a loaded
   * machine, and until then the command does nothing. Ends at the first edit.
   */
  async function acceptWhenShown(command = 'editor.action.inlineSuggest.commit'): Promise<void> {
    const version = editor.document.version;
    for (let tries = 0; tries < 100 && editor.document.version === version; tries++) {
      await sleep(100);
      await vscode.commands.executeCommand(command);
    }
  }

  /** A fresh line at the end of the test file, with the cursor on it and the keyboard focus in its editor. */
  async function newLine(): Promise<void> {
    editor = await newLineAtEnd(editor);
  }

  before(async () => {
    standIn = await OllamaStandIn.start({ latency: { loadMs: 0, timeToFirstTokenMs: 20, perPromptTokenMs: 0, perTokenMs: 5 }, numParallel: 1 });
    const window = vscode.window as unknown as Record<'showWarningMessage' | 'showErrorMessage', (...args: unknown[]) => Thenable<unknown>>;
    for (const name of ['showWarningMessage', 'showErrorMessage'] as const) {
      const original = window[name];
      window[name] = (...args: unknown[]) => {
        notifications.push(args.map(String).join(' | '));
        return original.apply(vscode.window, args);
      };
      cleanups.push(() => (window[name] = original));
    }
    api = await activateHearth();
    const sub = api.completions.onDidServe((s) => served.push(s));
    cleanups.push(() => sub.dispose());
    // The suggest widget would turn each request into "continue the selected item": keep typing plain.
    const editorConfig = vscode.workspace.getConfiguration('editor');
    await editorConfig.update('quickSuggestions', { other: 'off', comments: 'off', strings: 'off' }, vscode.ConfigurationTarget.Global);
    await editorConfig.update('suggestOnTriggerCharacters', false, vscode.ConfigurationTarget.Global);
    await editorConfig.update('inlineSuggest.enabled', true, vscode.ConfigurationTarget.Global);
    cleanups.push(async () => {
      for (const key of ['quickSuggestions', 'suggestOnTriggerCharacters', 'inlineSuggest.enabled']) {
        await editorConfig.update(key, undefined, vscode.ConfigurationTarget.Global);
      }
    });
    // A debounce comfortably longer than one `type` round trip, so a burst of typing is one burst.
    await setHearthSetting('completion.debounceMs', 800);
    await setHearthSetting('completion.model', 'qwen2.5-coder:1.5b-base');
    await setHearthSetting('ollama.host', standIn.url);
    await waitForConnection(api, (s) => s.status === 'connected' && s.models.length === standIn.models.length, 'the stand-in', 30_000);

    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace has a folder');
    file = vscode.Uri.joinPath(folder.uri, 'src', 'completion_target.py');
    await vscode.workspace.fs.writeFile(file, enc.encode('# Inline completion tests type below.\nseed = 1\n'));
    editor = await vscode.window.showTextDocument(file);
    assert.equal(editor.document.uri.scheme, 'file', 'a file-backed document');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const key of ['completion.debounceMs', 'completion.model', 'ollama.host']) await setHearthSetting(key, undefined);
    for (const cleanup of cleanups.reverse()) await cleanup();
    await vscode.workspace.fs.delete(file).then(undefined, () => undefined);
    await standIn.close();
  });

  it('warms the completion model once connected', async () => {
    const warm = await standIn.waitForRequest((r) => r.path === '/api/generate' && bodyOf(r).prompt === '', 10_000);
    assert.equal(bodyOf(warm).model, 'qwen2.5-coder:1.5b-base');
  });

  it('sends one request after a typing pause, for the position where typing stopped', async () => {
    standIn.reply(() => ({ tokens: wordTokens('_total(values)') }));
    await newLine();
    const before = generations().length;
    const answered = nextServed(modelAnswer('_total(values)'), 'the answer after the pause');
    await type('total = compute');
    await answered;
    await sleep(QUIET_MS);
    const sent = generations().slice(before);
    assert.equal(sent.length, 1, `one request, not one per keystroke: ${sent.map((r) => JSON.stringify(bodyOf(r).prompt)).join(', ')}`);
    assert.match(String(bodyOf(sent[0]).prompt), /\ntotal = compute<\|fim_suffix\|>/);
    assert.ok(api.completions.stats.snapshot().some((s) => s.model === 'qwen2.5-coder:1.5b-base' && s.requests >= 1 && s.shown >= 1));
  });

  it('a model without insert gets raw mode with the Qwen FIM template and stop tokens', () => {
    const body = bodyOf(generations().at(-1));
    assert.equal(body.model, 'qwen2.5-coder:1.5b-base');
    assert.equal(body.raw, true);
    assert.equal(body.suffix, undefined, 'no suffix field: Hearth wrote the FIM tokens itself');
    const prompt = String(body.prompt);
    assert.ok(prompt.includes('<|fim_prefix|>') && prompt.includes('<|fim_suffix|>') && prompt.endsWith('<|fim_middle|>'), prompt);
    const options = body.options as Record<string, unknown>;
    assert.deepEqual(
      ['<|endoftext|>', '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>', '<|file_sep|>'].filter((t) => !(options.stop as string[]).includes(t)),
      [],
    );
    assert.equal(options.num_predict, 128);
    assert.equal(typeof options.num_ctx, 'number');
    assert.equal(body.keep_alive, '30m');
  });

  it('a model with insert gets Ollama’s suffix, and "Suggest Completion" asks explicitly', async () => {
    await setHearthSetting('completion.model', 'qwen2.5-coder:7b');
    try {
      standIn.reply(() => ({ tokens: wordTokens(' 42') }));
      await newLine();
      await type('answer =');
      const before = generations().length;
      const answered = nextServed((s) => s.explicit && s.outcome.kind === 'answer' && s.outcome.text === ' 42', 'the explicit answer');
      await vscode.commands.executeCommand('hearth.suggestCompletion');
      await answered;
      const body = bodyOf(generations().slice(before).find((r) => bodyOf(r).model === 'qwen2.5-coder:7b'));
      assert.equal(typeof body.suffix, 'string');
      assert.equal(body.raw, undefined);
      assert.match(String(body.prompt), /\nanswer =$/);
    } finally {
      await setHearthSetting('completion.model', 'qwen2.5-coder:1.5b-base');
    }
  });

  it('typing on aborts the request in flight (the stand-in sees the connection closed)', async () => {
    // A long answer without a line end for this position (only an abort ends it early), a short one elsewhere.
    // The reply is chosen when the stand-in generates, so it must not change while the request waits its turn.
    standIn.reply((req) =>
      String(req.body.prompt).includes('slow = <|fim_suffix|>')
        ? { tokens: Array.from({ length: 400 }, (_, i) => ` part${i}`) }
        : { tokens: wordTokens('fast') },
    );
    standIn.latency.perTokenMs = 25;
    try {
      await newLine();
      const lastId = standIn.requests.at(-1)?.id ?? 0;
      await type('slow = ');
      const first = await standIn.waitForRequest((r) => r.id > lastId && r.path === '/api/generate' && String(bodyOf(r).prompt).includes('slow = <|fim_suffix|>'), 15_000);
      await type('z');
      assert.equal(await standIn.waitForOutcome(first, 15_000), 'clientClosed');
      assert.ok(first.tokensSent < 400, 'generation stopped early');
      await standIn.waitForRequest((r) => r.id > first.id && String(bodyOf(r).prompt).includes('slow = z<|fim_suffix|>'), 15_000);
    } finally {
      standIn.latency.perTokenMs = 5;
    }
  });

  it('typing through a suggestion makes no new request, and Tab-accepting counts it', async () => {
    standIn.reply(() => ({ tokens: wordTokens('compute_total(items)') }));
    await newLine();
    const answered = nextServed(modelAnswer('compute_total(items)'), 'the suggestion');
    await type('sum_all = ');
    await answered;
    const before = generations().length;
    await type('compute');
    await sleep(QUIET_MS);
    assert.deepEqual(generations().slice(before).map((r) => bodyOf(r).prompt), [], 'no request while typing what the suggestion says');
    const acceptedBefore = api.completions.stats.snapshot().find((s) => s.model === 'qwen2.5-coder:1.5b-base')?.accepted ?? 0;
    // The rest is still the answer for this position: served from the cache.
    const rest = nextServed((s) => s.explicit && s.outcome.kind === 'answer' && s.outcome.text === '_total(items)', 'the rest of the suggestion');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    assert.ok((await rest).outcome.kind === 'answer');
    await acceptWhenShown();
    const line = editor.document.lineAt(editor.selection.active.line).text;
    assert.equal(line, 'sum_all = compute_total(items)');
    assert.equal(generations().length, before);
    assert.equal(api.completions.stats.snapshot().find((s) => s.model === 'qwen2.5-coder:1.5b-base')?.accepted, acceptedBefore + 1);
    // The figures reach the status bar tooltip and the Hearth view.
    assert.ok(api.statusView()?.tooltip.some((l) => l.startsWith('Completions with `qwen2.5-coder:1.5b-base`: p50 ')), api.statusView()?.tooltip.join('\n'));
    assert.ok(api.statusTabState().completionStats?.some((s) => s.model === 'qwen2.5-coder:1.5b-base' && s.accepted >= 1));
  });

  it('at the end of a line the next line is proposed; Enter types through it, Tab accepts the rest', async () => {
    standIn.reply((req) => (String(req.body.prompt).includes('first = 1<|fim_suffix|>') ? { tokens: wordTokens('\nsecond = 2\nthird = 3') } : { tokens: [] }));
    await newLine();
    const answered = nextServed(modelAnswer('\nsecond = 2'), 'the next line');
    await type('first = 1');
    await answered;
    const before = generations().length;
    await type('\n');
    const rest = nextServed((s) => s.explicit && s.outcome.kind === 'answer' && s.outcome.origin === 'typeThrough' && s.outcome.text === 'second = 2', 'the rest after Enter');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await rest;
    await acceptWhenShown();
    const cursorLine = editor.selection.active.line;
    assert.equal(editor.document.lineAt(cursorLine).text, 'second = 2');
    assert.equal(editor.document.lineAt(cursorLine - 1).text, 'first = 1');
    assert.equal(generations().length, before, 'Enter and the rest came from the cache');
  });

  it('in the middle of a complete line, what follows the line is offered; Tab puts it after the line', async () => {
    standIn.reply((req) => {
      const prompt = String(req.body.prompt);
      // At the cursor the model only repeats the rest of the line; at its end it proposes the next one.
      if (prompt.includes('total = compute(items<|fim_suffix|>)')) return { tokens: wordTokens(')') };
      if (prompt.includes('total = compute(items)<|fim_suffix|>')) return { tokens: wordTokens('\nprint(total)') };
      return { tokens: [] };
    });
    await newLine();
    await editor.edit((b) => b.insert(editor.selection.active, 'total = compute(items)'));
    const lineNo = editor.selection.active.line;
    const inside = new vscode.Position(lineNo, 'total = compute(items'.length);
    editor.selection = new vscode.Selection(inside, inside);
    await vscode.commands.executeCommand('editor.action.inlineSuggest.hide');
    const offered = nextServed(
      (s) => s.explicit && s.outcome.kind === 'answer' && s.outcome.restOfLine === ')' && s.outcome.text === '\nprint(total)',
      'the line after the complete line',
    );
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await offered;
    assert.ok(
      generations().some((r) => String(bodyOf(r).prompt).includes('total = compute(items)<|fim_suffix|>')),
      'a request was made at the end of the line',
    );
    await acceptWhenShown();
    assert.equal(editor.document.lineAt(lineNo).text, 'total = compute(items)', 'the line itself is unchanged');
    assert.equal(editor.document.lineAt(lineNo + 1).text, 'print(total)');
    assert.deepEqual(editor.selection.active, new vscode.Position(lineNo + 1, 'print(total)'.length));
  });

  it('partial accept takes the next word, and the rest stays on offer from the cache', async () => {
    standIn.reply(() => ({ tokens: wordTokens('first_word second_word') }));
    await newLine();
    const answered = nextServed(modelAnswer('first_word second_word'), 'the suggestion');
    await type('value = ');
    await answered;
    const before = generations().length;
    await acceptWhenShown('editor.action.inlineSuggest.acceptNextWord');
    const line = (): string => editor.document.lineAt(editor.selection.active.line).text;
    assert.ok(line().startsWith('value = first') && line() !== 'value = first_word second_word', line());
    const rest = nextServed((s) => s.outcome.kind === 'answer' && 'value = first_word second_word'.endsWith(s.outcome.text) && s.outcome.text !== '', 'the rest');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await rest;
    await acceptWhenShown();
    assert.equal(line(), 'value = first_word second_word');
    assert.equal(generations().length, before, 'the rest came from the cache');
  });

  it('while chat streams, a completion waits for the GPU and runs when chat ends', async () => {
    standIn.reply(() => ({ tokens: wordTokens('after_chat()') }));
    await newLine();
    const chat = api.completions.beginChatStream();
    let disposed = false;
    try {
      await type('waiting = ');
      const before = generations().length;
      const answered = nextServed((s) => s.explicit && s.outcome.kind === 'answer' && s.outcome.text === 'after_chat()', 'the answer after chat');
      // The command itself waits for the provider, which waits for chat: not awaited here.
      void vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      await sleep(QUIET_MS);
      assert.equal(generations().length, before, 'nothing is sent while chat has the GPU');
      chat.dispose();
      disposed = true;
      await answered;
      const after = generations().slice(before);
      assert.equal(after.length, 1, `one request after chat: ${after.map((r) => `${r.outcome} ${JSON.stringify(bodyOf(r).prompt).slice(-70)}`).join(', ')}`);
    } finally {
      if (!disposed) chat.dispose();
    }
  });

  it('a missing model gets one clear message and no request storm', async () => {
    notifications.length = 0;
    await setHearthSetting('completion.model', 'missing-model:1b');
    try {
      const tagsBefore = standIn.requestsTo('/api/tags').length;
      const failed = nextServed((s) => s.outcome.kind === 'failed', 'the failure');
      await newLine();
      await type('m');
      await failed;
      for (const text of ['i', 's', 's']) {
        const blocked = nextServed((s) => s.outcome.kind === 'skipped' && s.outcome.reason === 'blocked', 'a blocked attempt');
        await type(text);
        await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
        await blocked;
      }
      await sleep(QUIET_MS);
      const about = notifications.filter((n) => n.includes('missing-model:1b'));
      assert.equal(about.length, 1, `one message: ${JSON.stringify(notifications)}`);
      assert.match(about[0] ?? '', /"missing-model:1b" is not installed.*Pull model/);
      assert.equal(generations().filter((r) => bodyOf(r).model === 'missing-model:1b').length, 0);
      assert.ok(standIn.requestsTo('/api/tags').length - tagsBefore <= 2, 'the model list is not re-read per keystroke');
      assert.equal(api.statusView()?.kind, 'attention', 'the status bar names the missing model');
    } finally {
      await setHearthSetting('completion.model', 'qwen2.5-coder:1.5b-base');
    }
  });

  it('daemon down: nothing breaks, no notification per keystroke, the status says so; it warms again on return', async () => {
    await newLine();
    notifications.length = 0;
    await standIn.goDown();
    await api.connection.retry();
    await waitForConnection(api, (s) => s.status === 'down', 'the outage', 30_000);
    const skipped = nextServed((s) => s.outcome.kind === 'skipped' && (s.outcome.reason === 'daemonDown' || s.outcome.reason === 'unavailable'), 'a skipped completion');
    await type('offline = ');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await skipped;
    await sleep(QUIET_MS);
    assert.equal(editor.document.lineAt(editor.selection.active.line).text, 'offline = ', 'typing works as usual');
    assert.equal(api.statusView()?.kind, 'down');
    assert.ok(notifications.length <= 1, `at most the one outage notice: ${JSON.stringify(notifications)}`);
    assert.ok(!served.some((s) => s.outcome.kind === 'failed' && s.outcome.failure.kind === 'unreachable'), 'no completion failure for an outage');

    const lastId = standIn.requests.at(-1)?.id ?? 0;
    await standIn.comeUp();
    await api.connection.retry();
    await waitForConnection(api, (s) => s.status === 'connected', 'recovery', 30_000);
    const warm = await standIn.waitForRequest((r) => r.id > lastId && r.path === '/api/generate' && bodyOf(r).prompt === '', 15_000);
    assert.equal(bodyOf(warm).model, 'qwen2.5-coder:1.5b-base');
    standIn.reply(() => ({ tokens: wordTokens('True') }));
    const answered = nextServed(modelAnswer('True'), 'a completion after recovery');
    await type('x');
    await answered;
  });
});
