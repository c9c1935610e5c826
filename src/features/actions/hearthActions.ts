import * as vscode from 'vscode';
import type { ShowFailure } from '../../core/engine/ollamaFailure';
import type { ActionId } from '../../shared/actions';
import type { WebviewHandlers } from '../../core/panel/webviewHandlers';

/** What an action does. `args` are a command's arguments: untrusted, any extension or keybinding can pass them. */
export type ActionHandler = (args?: unknown) => Promise<unknown>;
export type ActionTable = { readonly [A in ActionId]: ActionHandler };

/** The command each action also is (contributed in package.json). */
export const ACTION_COMMANDS: { readonly [A in ActionId]: string } = {
  retry: 'hearth.retryConnection',
  startOllamaHelp: 'hearth.showSetup',
  pullModel: 'hearth.pullModel',
  selectCompletionModel: 'hearth.selectCompletionModel',
  selectChatModel: 'hearth.selectChatModel',
  openSettings: 'hearth.openSettings',
  showLogs: 'hearth.showLogs',
  setApiKey: 'hearth.setApiKey',
};

/**
 * What Hearth offers to do about a problem (Retry, How to start Ollama, Pull
 * model, Use another model, Open Settings, Show Logs) as one table: a
 * notification's button, a button in the view (runAction) and the command run
 * the same handler. Features that report failures get `showFailure` before
 * the table exists (its actions are theirs); activate() then provides it.
 */
export class HearthActions implements vscode.Disposable {
  private table: ActionTable | undefined;
  private commands: vscode.Disposable[] = [];

  /** The actions' handlers, once every feature that owns one exists; registers their commands. */
  provide(table: ActionTable): void {
    this.table = table;
    this.commands = (Object.keys(ACTION_COMMANDS) as ActionId[]).map((id) =>
      vscode.commands.registerCommand(ACTION_COMMANDS[id], (args: unknown) => table[id](args)),
    );
  }

  run(id: ActionId, args?: unknown): Promise<unknown> {
    if (!this.table) throw new Error(`Hearth action ${id} ran before the actions were provided`);
    return this.table[id](args);
  }

  /** Shows `failure` as a notification; the button the user picks runs its action (with the failure's model, for Pull). */
  readonly showFailure: ShowFailure = async (failure, severity = 'error') => {
    const show = severity === 'error' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
    const chosen = await show(`Hearth: ${failure.message}`, ...failure.actions.map((a) => a.label));
    const action = failure.actions.find((a) => a.label === chosen);
    if (action) await this.run(action.id, failure.model ? { model: failure.model } : undefined);
  };

  /** The view's buttons for these actions. */
  get messages(): WebviewHandlers<'runAction'> {
    return { runAction: (message) => this.run(message.action) };
  }

  dispose(): void {
    for (const command of this.commands) command.dispose();
  }
}

/** The actions that belong to no feature: Hearth's settings and its log. */
export function settingsAndLogActions(log: { show(): void }): Pick<ActionTable, 'openSettings' | 'showLogs'> {
  return {
    openSettings: async () => vscode.commands.executeCommand('workbench.action.openSettings', '@ext:hearth.hearth'),
    showLogs: () => {
      log.show();
      return Promise.resolve();
    },
  };
}
