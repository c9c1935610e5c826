import * as vscode from 'vscode';
import type { CompletionOrigin, CompletionOutcome } from '../../core/completion/completionOutcome';
import { InspectorRecorder } from '../../core/inspector/inspectorRecorder';
import { agentStepOriginId, completionOriginId } from '../../core/inspector/requestTrace';
import type { Logger } from '../../core/logger';
import type { WebviewHandlers } from '../../core/panel/webviewHandlers';
import type { HearthConfiguration } from '../../vscode/hearthConfiguration';
import { InspectorPanel } from './inspectorPanel';

export interface InspectorFeatureDeps {
  readonly extensionUri: vscode.Uri;
  readonly config: HearthConfiguration;
  readonly log: Logger;
}

/** What a completion call served; the completion feature fires one per call. */
export interface ServedOutcome {
  readonly outcome: CompletionOutcome;
}

/**
 * The prompt inspector: the recorder the model server writes every request
 * into (built first, since the server takes it), the inspector editor, its
 * commands, and the "Inspect" action of a chat answer.
 */
export class InspectorFeature implements vscode.Disposable {
  readonly recorder: InspectorRecorder;
  readonly panel: InspectorPanel;
  /** The completion request whose answer was last shown as ghost text. */
  private lastShown: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: InspectorFeatureDeps) {
    this.recorder = new InspectorRecorder(() => deps.config.settings.inspector.maxEntries);
    this.panel = new InspectorPanel(deps.extensionUri, this.recorder, deps.log);
    this.disposables.push(
      this.panel,
      vscode.commands.registerCommand('hearth.inspector.open', () => this.panel.show()),
      vscode.commands.registerCommand('hearth.inspectLastCompletion', () => this.inspectLastCompletion()),
    );
  }

  /**
   * Follows what completions did with their answers: shown, typed through,
   * served again from the cache, or nothing. Only a note per served call.
   */
  followCompletions(onDidServe: vscode.Event<ServedOutcome>): void {
    this.disposables.push(onDidServe(({ outcome }) => this.noteServed(outcome)));
  }

  /**
   * The view's "Inspect": on a chat answer its request (for an agent run, its
   * latest model step's), on an agent step card that step's request.
   */
  get messages(): WebviewHandlers<'inspectTurn'> {
    return {
      inspectTurn: ({ turnId, step }) =>
        step === undefined ? this.show(this.recorder.forTurn(turnId), 'This answer') : this.inspectOrigin(agentStepOriginId(turnId, step), 'This agent step'),
    };
  }

  /** Opens the inspector on the request `originId` made; says so when it is no longer kept. */
  inspectOrigin(originId: string, what: string): void {
    this.show(this.recorder.byOrigin(originId), what);
  }

  private show(record: ReturnType<InspectorRecorder['byOrigin']>, what: string): void {
    if (record === undefined) {
      const max = this.deps.config.settings.inspector.maxEntries;
      void vscode.window.showInformationMessage(
        `Hearth: ${what} has no request in the Inspector: it keeps the last ${max} requests of this window (hearth.inspector.maxEntries), in memory only.`,
      );
    }
    this.panel.show(record?.id);
  }

  private inspectLastCompletion(): void {
    const latest = this.lastShown ?? this.recorder.latest('completion')?.start.trace.originId;
    if (latest === undefined) {
      void vscode.window.showInformationMessage('Hearth: no completion request yet in this window.');
      this.panel.show();
      return;
    }
    this.inspectOrigin(latest, 'The last completion');
  }

  private noteServed(outcome: CompletionOutcome): void {
    if (outcome.kind !== 'answer') return;
    for (const id of outcome.emptyRequestIds ?? []) this.recorder.note(completionOriginId(id), 'nothing to show');
    if (outcome.requestId === undefined) return;
    const originId = completionOriginId(outcome.requestId);
    if (outcome.text === '') {
      this.recorder.note(originId, 'nothing to show');
      return;
    }
    this.lastShown = originId;
    this.recorder.note(originId, SERVED_AS[outcome.origin]);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.recorder.dispose();
  }
}

const SERVED_AS: Readonly<Record<CompletionOrigin, string>> = {
  model: 'shown',
  reused: 'shown (the request was joined while typing)',
  cache: 'shown again from the cache',
  typeThrough: 'typed through',
};
