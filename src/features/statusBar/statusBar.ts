import * as vscode from 'vscode';
import type { StatusInputs, StatusView } from '../../core/statusBar/statusModel';
import { describeStatus } from '../../core/statusBar/statusModel';

/** The Hearth status bar item; clicking it opens the Hearth menu. */
export class HearthStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private last: StatusView | undefined;

  constructor() {
    this.item = vscode.window.createStatusBarItem('hearth.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Hearth';
    this.item.command = 'hearth.showMenu';
    this.item.show();
  }

  /** The last status shown: tests and the menu read it. */
  get view(): StatusView | undefined {
    return this.last;
  }

  update(inputs: StatusInputs): void {
    const view = describeStatus(inputs);
    this.last = view;
    this.item.text = view.text;
    const tooltip = new vscode.MarkdownString(view.tooltip.join('\n\n'), true);
    tooltip.isTrusted = false;
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: `Hearth: ${view.kind}`, role: 'button' };
    this.item.backgroundColor =
      view.severity === 'error'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : view.severity === 'warning'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
