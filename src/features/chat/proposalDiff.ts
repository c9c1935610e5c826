import * as vscode from 'vscode';
import type { TextSpan } from '../../core/chat/applyPlan';
import { replaceSpan, trackSpan } from '../../core/chat/trackedSpan';
import type { TrackedSpan } from '../../core/chat/trackedSpan';

export const PROPOSAL_SCHEME = 'hearth-proposal';

/** A change Hearth wants to make to an open document: `span` of its current text becomes `newText`. */
export interface ProposalRequest {
  readonly document: vscode.TextDocument;
  readonly span: TextSpan;
  readonly newText: string;
  /** What the change does, for the diff's title and the question, e.g. "replaces the selection". */
  readonly summary: string;
}

/** How a proposal ended: written, discarded by the user, superseded by a newer one, or refused by the editor. */
export type ProposalOutcome = 'applied' | 'discarded' | 'superseded' | 'failed';

interface Proposal {
  readonly request: ProposalRequest;
  /** The right side of the diff currently shown. */
  uri: vscode.Uri;
  span: TrackedSpan;
  /** The document version `span` describes. */
  version: number;
  readonly settle: (outcome: ProposalOutcome) => void;
}

/**
 * The one way Hearth writes into a document: the change is shown as a diff
 * (a read-only proposal document on the right) and only written when the user
 * accepts it, from the notification or the diff editor's title bar.
 *
 * What is written is exactly what the diff shows. Edits the user makes while
 * the diff is open are followed: outside the replaced part they move it and the
 * right side follows them; inside it, the part grows over the edit (which the
 * change would overwrite) and the diff is shown again, under a title that says
 * so, before anything is written. Nothing is ever placed anew or widened to the
 * whole file behind the user's back.
 */
export class ProposalDiff implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private current: Proposal | undefined;
  private next = 0;
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[];

  constructor() {
    this.disposables = [
      this.changed,
      vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, this),
      vscode.workspace.onDidChangeTextDocument((e) => this.follow(e)),
      vscode.commands.registerCommand('hearth.chat.acceptProposal', () => this.accept()),
      vscode.commands.registerCommand('hearth.chat.rejectProposal', () => this.reject()),
    ];
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const proposal = this.current;
    if (proposal?.uri.toString() !== uri.toString()) return '';
    return replaceSpan(proposal.request.document.getText(), proposal.span, proposal.request.newText);
  }

  /**
   * Shows the diff and asks. Resolves once the diff is shown, with `decided`,
   * which settles when the user has decided (or a newer proposal replaced this one).
   */
  async propose(request: ProposalRequest): Promise<{ readonly decided: Promise<ProposalOutcome> }> {
    await this.close('superseded');
    const decided = new Promise<ProposalOutcome>((settle) => {
      this.current = {
        request,
        uri: this.proposalUri(request.document),
        span: { ...request.span, touched: false },
        version: request.document.version,
        settle,
      };
    });
    await vscode.commands.executeCommand('setContext', 'hearth.proposalOpen', true);
    await this.show(request.summary);
    return { decided };
  }

  /** Writes the change shown, or shows it again first when the document moved under it. */
  async accept(): Promise<boolean> {
    const proposal = this.current;
    if (!proposal) return false;
    const { document, newText } = proposal.request;
    if (proposal.span.touched || document.isClosed || document.version !== proposal.version) {
      // What the user approved is no longer what would be written: show it again.
      proposal.span = { ...proposal.span, touched: false };
      proposal.version = document.version;
      await this.closeDiffTab(proposal.uri);
      proposal.uri = this.proposalUri(document);
      await this.show(`${proposal.request.summary}; the file changed inside that part, so check the change again`);
      return false;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(document.positionAt(proposal.span.start), document.positionAt(proposal.span.end)), newText);
    const applied = await vscode.workspace.applyEdit(edit);
    if (!applied) void vscode.window.showErrorMessage('Hearth: the change could not be applied (the file may be read-only).');
    await this.close(applied ? 'applied' : 'failed');
    if (applied) await vscode.window.showTextDocument(document, { preview: false });
    return applied;
  }

  async reject(): Promise<void> {
    await this.close('discarded');
  }

  dispose(): void {
    void this.close('superseded');
    for (const d of this.disposables) d.dispose();
  }

  private follow(e: vscode.TextDocumentChangeEvent): void {
    const proposal = this.current;
    if (!proposal || e.document !== proposal.request.document || e.contentChanges.length === 0) return;
    proposal.span = trackSpan(
      proposal.span,
      e.contentChanges.map((c) => ({ offset: c.rangeOffset, length: c.rangeLength, text: c.text })),
    );
    proposal.version = e.document.version;
    this.changed.fire(proposal.uri);
  }

  private async show(summary: string): Promise<void> {
    const proposal = this.current;
    if (!proposal) return;
    const { document } = proposal.request;
    const uri = proposal.uri;
    const name = document.uri.path.split('/').pop() || 'file';
    await vscode.commands.executeCommand('vscode.diff', document.uri, uri, `${name} ↔ Hearth's change (${summary})`, { preview: true });
    void vscode.window.showInformationMessage(`Hearth: apply this change to ${name}? It ${summary}.`, 'Apply', 'Discard').then((choice) => {
      if (this.current?.uri.toString() !== uri.toString()) return;
      if (choice === 'Apply') void this.accept();
      else if (choice === 'Discard') void this.reject();
    });
  }

  private proposalUri(document: vscode.TextDocument): vscode.Uri {
    return vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: document.uri.path, query: `v${++this.next}` });
  }

  private async close(outcome: ProposalOutcome): Promise<void> {
    const proposal = this.current;
    this.current = undefined;
    if (!proposal) return;
    proposal.settle(outcome);
    await vscode.commands.executeCommand('setContext', 'hearth.proposalOpen', false);
    await this.closeDiffTab(proposal.uri);
  }

  private async closeDiffTab(uri: vscode.Uri): Promise<void> {
    const tabs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === uri.toString());
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
  }
}
