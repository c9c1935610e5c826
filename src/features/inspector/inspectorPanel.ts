import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { describeExchange, summarizeExchange } from '../../core/inspector/describeExchange';
import type { InspectorRecorder } from '../../core/inspector/inspectorRecorder';
import type { Logger } from '../../core/logger';
import { parseInspectorMessage } from '../../shared/parseWebviewMessage';
import type { HostToInspector, InspectorToHost } from '../../shared/protocol';
import { panelDocument } from '../panel/panelDocument';
import { copyCurl, saveReplayFile } from './inspectorExport';

export const INSPECTOR_VIEW_TYPE = 'hearth.inspector';

type InspectorHandlers = { readonly [T in InspectorToHost['type']]: (message: Extract<InspectorToHost, { type: T }>) => unknown };

/** The list refreshes at most this often while requests stream: typing must not make the inspector redraw per keystroke. */
const REFRESH_MS = 300;

/**
 * The Inspector: a webview editor listing the recorder's requests, with one
 * in detail. It formats only while open: it listens to the recorder only
 * then, and closing it drops the listener, so a closed inspector costs the
 * hot path nothing but the recorder's references.
 */
export class InspectorPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private selectedId: number | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly recorder: InspectorRecorder,
    private readonly log: Logger,
  ) {}

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** The request shown in detail (tests read it). */
  get selected(): number | undefined {
    return this.selectedId;
  }

  /** Opens (or reveals) the inspector on `id`, or on the newest request. */
  show(id?: number): void {
    this.selectedId = id ?? this.recorder.entries.at(-1)?.id;
    if (this.panel) {
      this.panel.reveal();
      this.postAll();
      return;
    }
    const panel = vscode.window.createWebviewPanel(INSPECTOR_VIEW_TYPE, 'Hearth Inspector', vscode.ViewColumn.Active, {
      enableScripts: true,
      enableCommandUris: false,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    });
    this.panel = panel;
    const uri = (...path: string[]): string => panel.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...path)).toString();
    panel.webview.html = panelDocument({
      cspSource: panel.webview.cspSource,
      nonce: randomBytes(18).toString('base64'),
      scriptUri: uri('dist', 'inspector.js'),
      styleUris: [uri('media', 'panel.css'), uri('dist', 'codicons.css'), uri('media', 'inspector.css')],
    });
    const listening = this.recorder.onDidChange(() => this.scheduleRefresh());
    this.disposables.push(
      listening,
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.handleMessage(raw)),
      panel.onDidDispose(() => {
        listening.dispose();
        if (this.refreshTimer) clearTimeout(this.refreshTimer);
        this.refreshTimer = undefined;
        this.panel = undefined;
      }),
    );
  }

  /** A message from the inspector's webview (or a test standing in for it): validated, then handled. */
  async handleMessage(raw: unknown): Promise<void> {
    const message = parseInspectorMessage(raw);
    if (!message) {
      this.log.warn(`Inspector: ignored a malformed message ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    const handler = this.handlers[message.type] as (m: InspectorToHost) => unknown;
    await handler(message);
  }

  private readonly handlers: InspectorHandlers = {
    inspectorReady: () => this.postAll(),
    inspectorClear: () => {
      this.recorder.clear();
      this.selectedId = undefined;
      this.postAll();
    },
    inspectorEntry: async ({ action, id }) => {
      const record = this.recorder.get(id);
      if (record === undefined) return this.postAll();
      switch (action) {
        case 'select':
          this.selectedId = id;
          return this.post({ type: 'inspectorDetail', detail: describeExchange(record) });
        case 'copyCurl':
          return copyCurl(record);
        case 'saveJson':
          return saveReplayFile(record);
      }
    },
  };

  private scheduleRefresh(): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.postAll();
    }, REFRESH_MS);
  }

  private postAll(): void {
    const entries = this.recorder.entries.map(summarizeExchange).reverse();
    const record = this.selectedId !== undefined ? this.recorder.get(this.selectedId) : undefined;
    this.post({ type: 'inspectorList', entries, ...(record ? { selected: record.id } : {}) });
    this.post({ type: 'inspectorDetail', detail: record ? describeExchange(record) : undefined });
  }

  private post(message: HostToInspector): void {
    void this.panel?.webview.postMessage(message);
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
