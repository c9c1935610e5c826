import * as vscode from 'vscode';
import { abortSignalFrom } from '../../vscode/cancellation';
import { completionEnabledFor } from '../../core/settings/hearthSettings';
import type { HearthSettings } from '../../core/settings/hearthSettings';
import type { CompletionOutcome } from '../../core/completion/completionOutcome';
import type { CompletionPipeline } from '../../core/completion/completionPipeline';
import { documentSpan } from '../../core/completion/completionRequest';
import type { CompletionQuery } from '../../core/completion/completionRequest';
import { isFileBacked } from './snippetSources';
import type { SnippetSourceTracker } from './snippetSources';

/** Run by VS Code when the user accepts a suggestion in full (Tab); counts it. */
export const ACCEPTED_COMMAND = 'hearth.completionAccepted';

export interface ProviderDeps {
  readonly pipeline: Pick<CompletionPipeline, 'complete' | 'noteEdit'>;
  readonly settings: () => HearthSettings;
  readonly digest: (uri: vscode.Uri) => Promise<string>;
  readonly sources: SnippetSourceTracker;
  /** Every outcome, for notices, tests and diagnostics. */
  readonly onOutcome: (document: vscode.TextDocument, explicit: boolean, outcome: CompletionOutcome) => void;
}

/**
 * Adapts the pipeline to VS Code: the document and cursor become a query, the
 * CancellationToken becomes the AbortSignal that closes the HTTP request, and
 * the answer becomes one item inserted at the cursor. An explicit trigger
 * (Hearth: Suggest Completion, or editor.action.inlineSuggest.trigger) arrives
 * as triggerKind Invoke and skips the debounce.
 */
export class HearthInlineCompletionProvider implements vscode.InlineCompletionItemProvider {
  /** The digest each document's last request used: an edit is judged with the same prompt windows. */
  private readonly digests = new Map<string, string>();

  constructor(private readonly deps: ProviderDeps) {}

  /**
   * A document changed or its cursor moved. VS Code cancels the provider
   * call at once but asks again only when typing stops for a moment; the
   * pipeline aborts a request for a position that no longer exists right
   * now, so it does not hold the daemon meanwhile.
   */
  noteCursor(document: vscode.TextDocument, cursor: () => vscode.Position): void {
    if (!isFileBacked(document)) return;
    const docKey = document.uri.toString();
    this.deps.pipeline.noteEdit(docKey, () => this.query(document, cursor(), false, this.digests.get(docKey) ?? '', this.deps.settings(), undefined));
  }

  forget(document: vscode.TextDocument): void {
    this.digests.delete(document.uri.toString());
  }

  async provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    const settings = this.deps.settings();
    if (!isFileBacked(document) || !completionEnabledFor(settings, document.languageId)) return undefined;
    const explicit = context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke;
    const cancellation = abortSignalFrom(token);
    try {
      const digest = await this.deps.digest(document.uri);
      if (token.isCancellationRequested) return undefined;
      this.digests.set(document.uri.toString(), digest);
      const selected = context.selectedCompletionInfo;
      const query = this.query(document, position, explicit, digest, settings, selected);
      const outcome = await this.deps.pipeline.complete(query, cancellation.signal);
      this.deps.onOutcome(document, explicit, outcome);
      if (outcome.kind !== 'answer' || outcome.text === '' || token.isCancellationRequested) return undefined;
      const accepted: vscode.Command = { title: 'Accept completion', command: ACCEPTED_COMMAND, arguments: [outcome.model] };
      // With the suggest widget open, the answer continues its selected item:
      // the item replaces that item's range, so VS Code shows both as one.
      if (selected !== undefined) return [new vscode.InlineCompletionItem(selected.text + outcome.text, selected.range, accepted)];
      // What follows a complete line: the item replaces the rest of the line
      // with itself plus the answer, the form VS Code shows as ghost text
      // after the line (replaced text a prefix of the insert text, the range
      // ending at the end of the line).
      if (outcome.restOfLine !== undefined) {
        const rest = new vscode.Range(position, position.translate(0, outcome.restOfLine.length));
        return [new vscode.InlineCompletionItem(outcome.restOfLine + outcome.text, rest, accepted)];
      }
      // An empty range at the cursor: a pure insertion, which partial accept
      // (next word, next line) can take piece by piece.
      return [new vscode.InlineCompletionItem(outcome.text, new vscode.Range(position, position), accepted)];
    } finally {
      cancellation.dispose();
    }
  }

  private query(
    document: vscode.TextDocument,
    position: vscode.Position,
    explicit: boolean,
    digest: string,
    settings: HearthSettings,
    selected: vscode.SelectedCompletionInfo | undefined,
  ): CompletionQuery {
    const span = documentSpan(position, document.lineCount, (line) => document.lineAt(line).text.length, settings.ollama.numCtx);
    const end = document.lineAt(span.endLine).range.end;
    // The text as it will be once the selected suggest item is inserted.
    const before = selected !== undefined ? selected.range.start : position;
    const after = selected !== undefined ? selected.range.end : position;
    const docPrefix = document.getText(new vscode.Range(span.startLine, 0, before.line, before.character)) + (selected?.text ?? '');
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    const sources = this.deps.sources.sourcesFor(document);
    return {
      docKey: document.uri.toString(),
      docPrefix,
      docSuffix: document.getText(new vscode.Range(after, end)),
      languageId: document.languageId,
      explicit,
      tabSize: tabSizeFor(document),
      filePath: vscode.workspace.asRelativePath(document.uri, false),
      ...(folder !== undefined ? { repoName: folder.name } : {}),
      ...(digest !== '' ? { digest } : {}),
      ...(sources !== undefined ? { snippetSources: sources } : {}),
      // The suggest widget's item is continued at the cursor, never after the line.
      ...(selected !== undefined ? { proposeAfterLine: false } : {}),
    };
  }
}

function tabSizeFor(document: vscode.TextDocument): number | undefined {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
  const size = editor?.options.tabSize;
  return typeof size === 'number' ? size : undefined;
}
