import * as vscode from 'vscode';
import { planApply } from '../../core/chat/applyPlan';
import type { ApplyPlan } from '../../core/chat/applyPlan';

export const PROPOSAL_SCHEME = 'hearth-proposal';

interface Proposal {
  readonly target: vscode.Uri;
  readonly version: number;
  readonly plan: ApplyPlan;
  readonly code: string;
  readonly uri: vscode.Uri;
}

const HOW: Record<ApplyPlan['how'], string> = {
  selection: 'replaces the selection',
  matched: 'replaces the matching block',
  file: 'replaces the whole file',
};

/**
 * "Apply" from the chat: the change is shown as a diff against the file
 * (a read-only proposal document on the right), and only written when the
 * user accepts it — from the notification or the diff editor's title bar.
 */
export class ProposalDiff implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private current: Proposal | undefined;
  private next = 0;
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[];

  constructor() {
    this.disposables = [
      this.changed,
      vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, this),
      vscode.commands.registerCommand('hearth.chat.acceptProposal', () => this.accept()),
      vscode.commands.registerCommand('hearth.chat.rejectProposal', () => this.reject()),
    ];
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Shows the diff, then asks. Resolves when the diff is shown (not when the user decides). */
  async propose(editor: vscode.TextEditor, code: string): Promise<void> {
    const document = editor.document;
    const text = document.getText();
    const selection = editor.selection.isEmpty ? undefined : { start: document.offsetAt(editor.selection.start), end: document.offsetAt(editor.selection.end) };
    const plan = planApply(text, selection, code);
    const proposed = text.slice(0, plan.start) + plan.newText + text.slice(plan.end);
    await this.closeDiff();
    const uri = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: document.uri.path, query: `v${++this.next}` });
    this.contents.set(uri.toString(), proposed);
    this.current = { target: document.uri, version: document.version, plan, code, uri };
    await vscode.commands.executeCommand('setContext', 'hearth.proposalOpen', true);
    const name = document.uri.path.split('/').pop() ?? 'file';
    await vscode.commands.executeCommand('vscode.diff', document.uri, uri, `${name} ↔ Hearth's change (${HOW[plan.how]})`, { preview: true });
    void vscode.window.showInformationMessage(`Hearth: apply this change to ${name}? It ${HOW[plan.how]}.`, 'Apply', 'Discard').then((choice) => {
      if (this.current?.uri.toString() !== uri.toString()) return;
      if (choice === 'Apply') void this.accept();
      else if (choice === 'Discard') void this.reject();
    });
  }

  async accept(): Promise<boolean> {
    const proposal = this.current;
    if (!proposal) return false;
    const document = await vscode.workspace.openTextDocument(proposal.target);
    let plan = proposal.plan;
    if (document.version !== proposal.version) {
      // Edited since the diff was shown: place the block again in the text as it is now.
      plan = planApply(document.getText(), undefined, proposal.code);
      void vscode.window.showWarningMessage('Hearth: the file changed after the proposal was shown; the change was placed again in the current text.');
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(proposal.target, new vscode.Range(document.positionAt(plan.start), document.positionAt(plan.end)), plan.newText);
    const applied = await vscode.workspace.applyEdit(edit);
    if (!applied) void vscode.window.showErrorMessage('Hearth: the change could not be applied (the file may be read-only).');
    await this.closeDiff();
    if (applied) await vscode.window.showTextDocument(document, { preview: false });
    return applied;
  }

  async reject(): Promise<void> {
    await this.closeDiff();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private async closeDiff(): Promise<void> {
    const proposal = this.current;
    this.current = undefined;
    await vscode.commands.executeCommand('setContext', 'hearth.proposalOpen', false);
    if (!proposal) return;
    this.contents.delete(proposal.uri.toString());
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === proposal.uri.toString());
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
  }
}
