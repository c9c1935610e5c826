import * as assert from 'node:assert/strict';
import type { ConnectionState } from '../../../../src/core/connection/connectionMonitor';
import { Emitter } from '../../../../src/core/emitter';
import type { LoadedModel } from '../../../../src/core/engine/engineTypes';
import { resolveOllamaHost } from '../../../../src/core/ollamaHost';
import type { HearthSettings, SettingsSection } from '../../../../src/core/settings/hearthSettings';
import { StatusTabPresenter } from '../../../../src/features/panel/statusTabPresenter';
import type { HostToWebview } from '../../../../src/shared/protocol';
import type { CompletionModelStats, StatusTabState } from '../../../../src/shared/statusTab';

const SETTINGS: HearthSettings = {
  engine: 'ollama',
  openai: { host: '', capabilities: {} },
  ollama: { host: '', headers: {}, keepAlive: '30m', numCtx: 4096 },
  completion: { enabled: true, languages: {}, model: 'qwen2.5-coder:1.5b-base', debounceMs: 150, maxTokens: 128, template: 'auto', whileChatStreams: 'wait' },
  chat: { model: 'llama3.2:3b', maxReplyBytes: 1_000_000 },
  agent: { maxSteps: 25, tokenBudget: 400_000, autoApproveEdits: false, commandTimeoutSeconds: 120, commandOutputChars: 8_000 },
  instructions: { enabled: true, fallbackFileNames: [], budgetBytes: 32768, imports: false, completionDigest: false },
  inspector: { maxEntries: 50 },
};

/** The presenter's sources as plain objects with emitters, and what it posted. */
function rig(): {
  presenter: StatusTabPresenter;
  posted: HostToWebview[];
  load: () => void;
  stats: { figures: CompletionModelStats[]; changed: Emitter<void> };
  loaded: { models: LoadedModel[]; changed: Emitter<readonly LoadedModel[]> };
  settings: { current: HearthSettings; changed: Emitter<ReadonlySet<SettingsSection>> };
} {
  const posted: HostToWebview[] = [];
  const loadedEmitter = new Emitter<void>();
  const stats = { figures: [] as CompletionModelStats[], changed: new Emitter<void>() };
  const loaded = { models: [] as LoadedModel[], changed: new Emitter<readonly LoadedModel[]>() };
  const settings = { current: SETTINGS, changed: new Emitter<ReadonlySet<SettingsSection>>() };
  const monitor = new Emitter<ConnectionState>();
  const quiet = <T>(): Emitter<T> => new Emitter<T>();
  const presenter = new StatusTabPresenter(
    {
      post: (message) => {
        posted.push(message);
        return true;
      },
      onDidLoad: loadedEmitter.event,
    },
    {
      config: {
        get settings() {
          return settings.current;
        },
        connection: { host: resolveOllamaHost('', undefined), headers: {}, keepAlive: '30m', numCtx: 4096 },
        onDidChange: (_sections, listener) => settings.changed.event(listener),
      },
      monitor: { state: { status: 'connected', version: '0.12.6', models: [] }, onDidChange: monitor.event },
      instructions: { summary: () => ({ status: 'noFolder' }), onDidChange: quiet<unknown>().event },
      stats: { snapshot: () => stats.figures, onDidChange: stats.changed.event },
      setup: { summary: () => ({ needed: false, daemon: 'ready', notRunning: false, platform: 'Linux', startSteps: [], roles: [] }) },
      loaded: {
        get models() {
          return loaded.models;
        },
        onDidChange: loaded.changed.event,
      },
      pulls: { summaries: [], onDidChange: quiet<void>().event },
      diagnostics: { summary: undefined, onDidChange: quiet<void>().event },
    },
  );
  return { presenter, posted, load: () => loadedEmitter.fire(), stats, loaded, settings };
}

const states = (posted: HostToWebview[]): StatusTabState[] => posted.flatMap((m) => (m.type === 'state' ? [m.state] : []));

describe('StatusTabPresenter', () => {
  it('gives a webview that loads the whole state, and again after a reload', () => {
    const r = rig();
    r.load();
    assert.equal(states(r.posted).length, 1);
    assert.equal(states(r.posted)[0]?.completionModel, 'qwen2.5-coder:1.5b-base');
    r.load();
    assert.equal(states(r.posted).length, 2, 'a reloaded webview has nothing: it gets everything');
    r.presenter.dispose();
  });

  it('posts a change once, and nothing when a source fires without changing the tab', () => {
    const r = rig();
    r.load();
    r.stats.changed.fire();
    r.loaded.changed.fire([]);
    r.settings.changed.fire(new Set<SettingsSection>(['completion']));
    assert.equal(states(r.posted).length, 1, 'nothing the tab shows changed');

    r.stats.figures = [{ model: 'qwen2.5-coder:1.5b-base', requests: 1, latencyP50Ms: 300, latencyP95Ms: 300, shown: 1, accepted: 0 }];
    r.stats.changed.fire();
    r.stats.changed.fire();
    assert.equal(states(r.posted).length, 2);
    assert.deepEqual(states(r.posted)[1]?.completionStats, r.stats.figures);

    r.settings.current = { ...SETTINGS, chat: { model: 'qwen2.5-coder:7b', maxReplyBytes: 1_000_000 } };
    r.settings.changed.fire(new Set<SettingsSection>(['chat']));
    assert.equal(states(r.posted).at(-1)?.chatModel, 'qwen2.5-coder:7b');
    assert.equal(states(r.posted).length, 3);
    r.presenter.dispose();
  });

  it('stops listening when disposed', () => {
    const r = rig();
    r.load();
    r.presenter.dispose();
    r.stats.figures = [{ model: 'm', requests: 1, shown: 0, accepted: 0 }];
    r.stats.changed.fire();
    assert.equal(states(r.posted).length, 1);
  });
});
