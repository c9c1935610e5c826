import * as vscode from 'vscode';
import type { CompletionOutcome, PipelineSettings } from '../../core/completion/completionOutcome';
import type { CompletionPipeline } from '../../core/completion/completionPipeline';
import type { CompletionStats } from '../../core/completion/completionStats';
import { createCompletionPipeline } from '../../core/completion/createCompletionPipeline';
import type { GpuArbiter } from '../../core/completion/gpuArbiter';
import type { ConnectionMonitor } from '../../core/connection/connectionMonitor';
import type { ModelServer } from '../../core/engine/modelServer';
import type { ShowFailure } from '../../core/engine/ollamaFailure';
import type { Logger } from '../../core/logger';
import type { HearthSettings } from '../../core/settings/hearthSettings';
import type { HearthConfiguration } from '../../vscode/hearthConfiguration';
import { updateUserSetting } from '../../vscode/hearthConfiguration';
import type { InstructionsService } from '../instructions/instructionsService';
import { CompletionNotices } from './completionNotices';
import { CompletionWarmer } from './completionWarmer';
import { ACCEPTED_COMMAND, HearthInlineCompletionProvider } from './inlineCompletionProvider';
import { SnippetSourceTracker } from './snippetSources';

export interface CompletionFeatureDeps {
  readonly ollama: Pick<ModelServer, 'hostLabel' | 'findModel' | 'generate' | 'warm'>;
  readonly monitor: ConnectionMonitor;
  readonly instructions: Pick<InstructionsService, 'completionDigest'>;
  readonly log: Logger;
  readonly config: HearthConfiguration;
  readonly showFailure: ShowFailure;
}

/** What one provider call produced; tests and diagnostics listen. */
export interface ServedCompletion {
  readonly uri: string;
  readonly explicit: boolean;
  readonly outcome: CompletionOutcome;
}

/**
 * Inline completions: the provider, its pipeline and everything that lives as
 * long as they do (scheduler, cache, chars-per-token estimator, statistics,
 * back-off, warm-up, GPU arbitration with chat). Built once in activate().
 */
export class CompletionFeature implements vscode.Disposable {
  readonly stats: CompletionStats;
  private readonly arbiter: GpuArbiter;
  private readonly pipeline: CompletionPipeline;
  private readonly notices: CompletionNotices;
  private readonly warmer: CompletionWarmer;
  private readonly served = new vscode.EventEmitter<ServedCompletion>();
  readonly onDidServe = this.served.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: CompletionFeatureDeps) {
    const { ollama, monitor, log, config } = deps;
    const settings = (): HearthSettings => config.settings;
    this.notices = new CompletionNotices(deps.showFailure);
    const built = createCompletionPipeline({
      backend: ollama,
      settings: () => pipelineSettings(settings()),
      log,
      baseDebounceMs: () => settings().completion.debounceMs,
      daemonAvailable: () => monitor.state.status !== 'down',
    });
    this.pipeline = built.pipeline;
    this.stats = built.stats;
    this.arbiter = built.arbiter;
    const sources = new SnippetSourceTracker();
    const provider = new HearthInlineCompletionProvider({
      pipeline: this.pipeline,
      settings,
      digest: (uri) => deps.instructions.completionDigest(uri),
      sources,
      onOutcome: (document, explicit, outcome) => this.onOutcome(document, explicit, outcome),
    });
    this.warmer = new CompletionWarmer(ollama, monitor, settings, log);
    this.disposables.push(
      // Every document: the provider itself keeps to editable ones (files on any file system, untitled buffers, notebook cells).
      vscode.languages.registerInlineCompletionItemProvider('*', provider),
      vscode.commands.registerCommand('hearth.toggleCompletions', async () => {
        const enabled = !settings().completion.enabled;
        await updateUserSetting('completion.enabled', enabled);
        vscode.window.setStatusBarMessage(`Hearth: inline completions ${enabled ? 'on' : 'off'}`, 2500);
        return enabled;
      }),
      // Another model, template, host or num_ctx: earlier answers and failures no longer apply.
      config.onDidChange(['completion', 'ollama', 'engine', 'openai'], () => this.settingsChanged()),
      vscode.commands.registerCommand('hearth.suggestCompletion', () =>
        // VS Code calls the provider with triggerKind Invoke: no debounce.
        vscode.commands.executeCommand('editor.action.inlineSuggest.trigger'),
      ),
      vscode.commands.registerCommand(ACCEPTED_COMMAND, (model: unknown) => {
        if (typeof model === 'string') this.stats.recordAccepted(model);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.pipeline.forget(document.uri.toString());
        provider.forget(document);
      }),
      // Stale requests are aborted at the keystroke, not when VS Code next asks.
      vscode.workspace.onDidChangeTextDocument((e) => {
        const change = e.contentChanges[e.contentChanges.length - 1];
        if (change === undefined) return;
        provider.noteCursor(e.document, () => endOfInsertion(change.range.start, change.text));
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => provider.noteCursor(e.textEditor.document, () => e.selections[0]?.active ?? e.textEditor.selection.active)),
      // The daemon is back or its model list changed: what failed may work now.
      monitor.onDidChange((state) => {
        if (state.status === 'connected') this.pipeline.resetFailures();
      }),
      sources,
      this.warmer,
      this.served,
      { dispose: () => this.pipeline.dispose() },
      this.arbiter,
      this.stats,
    );
  }

  /**
   * The hook chat calls while an answer streams on the same daemon: until the
   * returned Disposable is disposed, completions wait for the GPU or pause
   * (hearth.completion.whileChatStreams). Pausing also stops requests in flight.
   */
  beginChatStream(): vscode.Disposable {
    const stream = this.arbiter.beginChatStream();
    if (this.deps.config.settings.completion.whileChatStreams === 'pause') this.pipeline.cancelAll();
    return new vscode.Disposable(() => stream.dispose());
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private settingsChanged(): void {
    this.pipeline.reset();
    this.notices.reset();
    if (!this.deps.config.settings.completion.enabled) this.pipeline.cancelAll();
    this.warmer.settingsChanged();
  }

  private onOutcome(document: vscode.TextDocument, explicit: boolean, outcome: CompletionOutcome): void {
    this.notices.onOutcome(outcome, explicit);
    this.served.fire({ uri: document.uri.toString(), explicit, outcome });
  }
}

/**
 * Where the cursor is after typing `text` at `start`, from the change alone:
 * offsetAt/positionAt go through VS Code's table of line offsets, which every
 * edit invalidates from the edited line to the end of the file.
 */
function endOfInsertion(start: vscode.Position, text: string): vscode.Position {
  const lastBreak = text.lastIndexOf('\n');
  if (lastBreak < 0) return start.translate(0, text.length);
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  return new vscode.Position(start.line + lines, text.length - lastBreak - 1);
}

function pipelineSettings(settings: HearthSettings): PipelineSettings {
  const c = settings.completion;
  return {
    model: c.model,
    numCtx: settings.ollama.numCtx,
    maxTokens: c.maxTokens,
    ...(c.template !== 'auto' ? { template: c.template } : {}),
    whileChatStreams: c.whileChatStreams,
  };
}
