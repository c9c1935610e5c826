import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { Attachment } from '../../core/chat/conversation';
import type { Logger } from '../../core/logger';
import type { ContextChip } from '../../shared/protocol';
import { readWorkspaceFile } from '../../vscode/confinement/confinedFolder';

/** Enough for a long function or a screenful; more is rarely what the question is about. */
const MAX_EDITOR_CHARS = 16_000;
const MAX_FILE_CHARS = 32_000;
const MAX_FILE_BYTES = 2_000_000;
const MAX_FILES = 10;
const CHARS_PER_TOKEN = 3.5;
const SETTLE_MS = 150;

interface Held {
  readonly key: string;
  readonly attachment: Attachment;
}

/**
 * What the next chat message carries: the active editor's selection (or its
 * visible lines) as a chip that follows the editor, and files picked with @.
 * A removed editor chip stays away until the selection or editor changes.
 */
export class ChatContextTracker implements vscode.Disposable {
  private editorChip: Held | undefined;
  private dismissedKey: string | undefined;
  private files: Held[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly log: Logger) {
    const soon = (): void => this.scheduleUpdate();
    this.disposables = [
      this.emitter,
      vscode.window.onDidChangeActiveTextEditor(soon),
      vscode.window.onDidChangeTextEditorSelection(soon),
      vscode.window.onDidChangeTextEditorVisibleRanges(soon),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) soon();
      }),
    ];
    this.update();
  }

  chips(): ContextChip[] {
    return this.held().map((h) => h.attachment.chip);
  }

  attachments(): Attachment[] {
    return this.held().map((h) => h.attachment);
  }

  /** The text the next message would attach, fresh from the editor. */
  snapshot(): Attachment[] {
    this.update();
    return this.attachments();
  }

  remove(chipId: string): void {
    if (this.editorChip?.attachment.chip.id === chipId) {
      this.dismissedKey = this.editorChip.key;
      this.editorChip = undefined;
    }
    this.files = this.files.filter((f) => f.attachment.chip.id !== chipId);
    this.emitter.fire();
  }

  /** Attaches exactly this editor's selection, even if the user dismissed it before (editor commands). */
  useSelection(editor: vscode.TextEditor): void {
    this.dismissedKey = undefined;
    this.editorChip = editorAttachment(editor);
    this.emitter.fire();
  }

  /** Picked files go with one message; the editor chip stays. */
  clearFiles(): void {
    if (this.files.length === 0) return;
    this.files = [];
    this.emitter.fire();
  }

  async pickFiles(): Promise<void> {
    const exclude = '{**/node_modules/**,**/.git/**,**/dist/**,**/out/**}';
    const uris = await vscode.workspace.findFiles('**/*', exclude, 5000);
    const items = uris
      .map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri }))
      .sort((a, b) => a.label.localeCompare(b.label));
    const picked = await vscode.window.showQuickPick(items, {
      title: 'Hearth: attach files to the chat',
      placeHolder: 'Files to attach to the next message',
      canPickMany: true,
      matchOnDescription: true,
    });
    for (const item of picked ?? []) {
      if (this.files.length >= MAX_FILES) {
        void vscode.window.showWarningMessage(`Hearth: at most ${MAX_FILES} files can be attached to one message.`);
        break;
      }
      const held = await fileAttachment(item.uri, this.log);
      if (held && !this.files.some((f) => f.key === held.key)) this.files.push(held);
    }
    this.emitter.fire();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }

  private held(): Held[] {
    return this.editorChip ? [this.editorChip, ...this.files] : [...this.files];
  }

  private scheduleUpdate(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.update();
      this.emitter.fire();
    }, SETTLE_MS);
  }

  private update(): void {
    const editor = vscode.window.activeTextEditor;
    // Focus in the chat leaves activeTextEditor as it was; an output panel or a closed editor clears it.
    const next = editor && isAttachable(editor.document) ? editorAttachment(editor) : undefined;
    if (next && next.key === this.dismissedKey) {
      this.editorChip = undefined;
      return;
    }
    if (next?.key !== this.dismissedKey) this.dismissedKey = undefined;
    // Keep the chip's id while it describes the same range, so the view does not flicker.
    this.editorChip = next && this.editorChip?.key === next.key ? { key: next.key, attachment: { ...next.attachment, chip: { ...next.attachment.chip, id: this.editorChip.attachment.chip.id } } } : next;
  }
}

function isAttachable(document: vscode.TextDocument): boolean {
  return document.uri.scheme === 'file' || document.uri.scheme === 'untitled' || document.uri.scheme === 'vscode-remote' || document.uri.scheme === 'vscode-userdata';
}

function editorAttachment(editor: vscode.TextEditor): Held | undefined {
  const document = editor.document;
  const selection = editor.selection;
  const name = displayPath(document.uri);
  const base = name.split('/').pop() ?? name;
  let range: vscode.Range;
  let kind: ContextChip['kind'];
  if (!selection.isEmpty) {
    range = selection;
    kind = 'selection';
  } else {
    const visible = editor.visibleRanges;
    const first = visible[0];
    const last = visible[visible.length - 1];
    if (!first || !last) return undefined;
    range = new vscode.Range(first.start.line, 0, last.end.line, document.lineAt(last.end.line).text.length);
    kind = 'visible';
  }
  const full = document.getText(range);
  if (full.trim() === '') return undefined;
  const text = full.slice(0, MAX_EDITOR_CHARS);
  const lines = range.start.line === range.end.line ? `${range.start.line + 1}` : `${range.start.line + 1}-${range.end.line + 1}`;
  const key = `${document.uri.toString()}#${kind}:${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
  return {
    key,
    attachment: {
      chip: { id: randomUUID(), kind, label: `${base}:${lines}`, path: name, tokens: Math.ceil(text.length / CHARS_PER_TOKEN), truncated: text.length < full.length },
      languageId: document.languageId,
      text,
    },
  };
}

async function fileAttachment(uri: vscode.Uri, log: Logger): Promise<Held | undefined> {
  const name = displayPath(uri);
  try {
    // Through the confinement rule: a picked file may be a link out of the workspace, or a FIFO.
    const read = await readWorkspaceFile(uri, MAX_FILE_BYTES);
    if (read.kind !== 'file') {
      const why = read.kind === 'refused' ? read.reason : 'it is not a file';
      log.warn(`Not attached: ${name}: ${why}`);
      void vscode.window.showWarningMessage(`Hearth: ${name} was not attached: ${why}.`);
      return undefined;
    }
    if (read.size > MAX_FILE_BYTES) {
      void vscode.window.showWarningMessage(`Hearth: ${name} is too large to attach (${Math.round(read.size / 1e6)} MB).`);
      return undefined;
    }
    const bytes = read.bytes;
    if (bytes.subarray(0, 8192).includes(0)) {
      void vscode.window.showWarningMessage(`Hearth: ${name} looks like a binary file; it was not attached.`);
      return undefined;
    }
    const full = new TextDecoder('utf-8').decode(bytes);
    const text = full.slice(0, MAX_FILE_CHARS);
    const languageId = (await vscode.workspace.openTextDocument(uri)).languageId;
    return {
      key: uri.toString(),
      attachment: {
        chip: { id: randomUUID(), kind: 'file', label: name.split('/').pop() ?? name, path: name, tokens: Math.ceil(text.length / CHARS_PER_TOKEN), truncated: text.length < full.length },
        languageId,
        text,
      },
    };
  } catch (error) {
    log.warn(`Could not attach ${name}: ${String(error)}`);
    void vscode.window.showWarningMessage(`Hearth: ${name} could not be read.`);
    return undefined;
  }
}

function displayPath(uri: vscode.Uri): string {
  return uri.scheme === 'untitled' ? uri.path : vscode.workspace.asRelativePath(uri, false);
}
