// A VS Code extension for the editor benchmark (bench/editor): Hearth's own
// inline completion provider and pipeline, configured as the simulated
// benchmark's naive baseline (bench/completion/benchPipeline.ts "naive": a
// fixed 300 ms debounce, requests never aborted, no cache, whole answers
// read, nothing proposed after a complete line). Production code is not
// changed for it; bench/editor/naiveExtension.ts bundles this file into a
// development extension of its own.
import * as vscode from 'vscode';
import { benchPipeline, MODEL } from '../../bench/completion/benchPipeline';
import { HearthInlineCompletionProvider } from '../../src/features/completion/inlineCompletionProvider';
import { SnippetSourceTracker } from '../../src/features/completion/snippetSources';
import { HearthConfiguration } from '../../src/vscode/hearthConfiguration';

export function activate(context: vscode.ExtensionContext): void {
  const host = process.env.OLLAMA_HOST;
  if (host === undefined || host === '') throw new Error('the naive baseline needs OLLAMA_HOST (the stand-in)');
  const { pipeline, service } = benchPipeline('naive', host, () => undefined);
  const config = new HearthConfiguration(host);
  const sources = new SnippetSourceTracker();
  const provider = new HearthInlineCompletionProvider({
    pipeline,
    settings: () => config.settings,
    digest: () => Promise.resolve(''),
    sources,
    onOutcome: () => undefined,
  });
  context.subscriptions.push(
    // No edit hooks (CompletionFeature's noteCursor): the naive scheduler aborts nothing on an edit.
    vscode.languages.registerInlineCompletionItemProvider({ scheme: 'file' }, provider),
    sources,
    config,
    { dispose: () => pipeline.dispose() },
    { dispose: () => service.dispose() },
  );
  // Loaded before the first keystroke, as Hearth's warmer does.
  void service.warm(MODEL);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
