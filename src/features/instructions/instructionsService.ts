import * as vscode from 'vscode';
import { buildCompletionDigest } from '../../core/instructions/completionDigest';
import { InstructionResolver } from '../../core/instructions/instructionResolver';
import type { InstructionOptions } from '../../core/instructions/instructionOptions';
import type { ResolvedInstructions } from '../../core/instructions/resolvedInstructions';
import { instructionFsOver } from '../../core/instructions/instructionFs';
import type { Logger } from '../../core/logger';
import { ConfinedFolder, folderRelativePath } from '../../vscode/confinement/confinedFolder';
import { documentHome, outsideName } from '../../vscode/documentHome';

export interface InstructionSettings {
  readonly enabled: boolean;
  readonly options: InstructionOptions;
  readonly completionDigest: boolean;
}

export type InstructionsState =
  | { readonly status: 'disabled' }
  | { readonly status: 'untrusted' }
  | { readonly status: 'noFolder' }
  /** The file is in no workspace folder (an untitled buffer, a file opened from elsewhere): no repository's instructions are its. */
  | { readonly status: 'outsideWorkspace'; readonly file: string }
  | {
      readonly status: 'ready';
      readonly folder: vscode.WorkspaceFolder;
      /** Folder-relative path of the file the chain was resolved for; undefined = the folder root. */
      readonly forFile: string | undefined;
      readonly resolved: ResolvedInstructions;
    };

/**
 * AGENTS.md instructions for the editor's active file, kept current: a watcher
 * invalidates the resolvers' per-directory caches when instruction files
 * change, and switching editors only recomputes from cache. Untrusted
 * workspaces get none: repository text is a prompt-injection vector.
 */
export class InstructionsService implements vscode.Disposable {
  private readonly resolvers = new Map<string, InstructionResolver>();
  private readonly emitter = new vscode.EventEmitter<InstructionsState>();
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  private watchers: vscode.Disposable[] = [];
  private currentState: InstructionsState = { status: 'noFolder' };
  private generation = 0;
  private readonly loggedWarnings = new Set<string>();
  /** The last editor document; focusing the Hearth view (no active editor) must not switch chains. */
  private activeUri: vscode.Uri | undefined = vscode.window.activeTextEditor?.document.uri;

  constructor(
    private readonly settings: () => InstructionSettings,
    private readonly log: Logger,
  ) {
    this.disposables.push(
      this.emitter,
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (!editor || editor.document.uri.scheme === 'output') return;
        this.activeUri = editor.document.uri;
        void this.refresh();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.refresh()),
      // Edits made through VS Code reach us even when the OS watcher misses a
      // directory (inotify can, for directories created in quick succession).
      vscode.workspace.onDidSaveTextDocument((doc) => this.onUriChanged(doc.uri)),
      vscode.workspace.onDidCreateFiles((e) => e.files.forEach((uri) => this.onUriChanged(uri))),
      vscode.workspace.onDidDeleteFiles((e) => e.files.forEach((uri) => this.onUriChanged(uri))),
      vscode.workspace.onDidRenameFiles((e) => e.files.forEach(({ oldUri, newUri }) => [oldUri, newUri].forEach((uri) => this.onUriChanged(uri)))),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.resolvers.clear();
        this.watch();
        void this.refresh();
      }),
    );
    this.watch();
  }

  get state(): InstructionsState {
    return this.currentState;
  }

  /** Settings changed: new options for every resolver, then recompute. */
  reconfigure(): Promise<InstructionsState> {
    const { options } = this.settings();
    for (const resolver of this.resolvers.values()) resolver.setOptions(options);
    return this.refresh();
  }

  /** Recomputes the state for the active editor and announces it. */
  async refresh(): Promise<InstructionsState> {
    const generation = ++this.generation;
    const next = await this.compute(this.activeUri);
    // A newer refresh (the user switched editors again) wins.
    if (generation !== this.generation) return this.currentState;
    this.currentState = next;
    this.emitter.fire(next);
    return next;
  }

  /**
   * The instructions for a request about `uri` (chat: the active file; none →
   * the first folder's root). '' when disabled, untrusted, outside every
   * workspace folder, or no file applies.
   */
  async systemText(uri?: vscode.Uri): Promise<string> {
    const state = await this.compute(uri ?? this.activeUri);
    return state.status === 'ready' ? state.resolved.text : '';
  }

  /** The compact digest for completions, only when the user turned it on. */
  async completionDigest(uri: vscode.Uri): Promise<string> {
    if (!this.settings().completionDigest) return '';
    const state = await this.compute(uri);
    return state.status === 'ready' ? buildCompletionDigest(state.resolved) : '';
  }

  /** For the "Show effective instructions" command and the tests. */
  async resolve(uri?: vscode.Uri): Promise<InstructionsState> {
    return this.compute(uri ?? this.activeUri);
  }

  dispose(): void {
    for (const d of [...this.disposables, ...this.watchers]) d.dispose();
  }

  private async compute(uri: vscode.Uri | undefined): Promise<InstructionsState> {
    if (!this.settings().enabled) return { status: 'disabled' };
    if (!vscode.workspace.isTrusted) return { status: 'untrusted' };
    const first = vscode.workspace.workspaceFolders?.[0];
    if (!first) return { status: 'noFolder' };
    // No file at all (chat before any editor): the first folder's root files, the documented rule.
    const target = uri ? this.locate(uri) : { folder: first, forFile: undefined };
    if ('outside' in target) return { status: 'outsideWorkspace', file: target.outside };
    const { folder, forFile } = target;
    const resolver = this.resolverFor(folder);
    try {
      const resolved = forFile !== undefined ? await resolver.resolveForFile(forFile) : await resolver.resolveForDirectory('');
      this.logWarnings(folder, resolved.warnings);
      return { status: 'ready', folder, forFile, resolved };
    } catch (error) {
      this.log.error(`Reading instructions in ${folder.name} failed: ${String(error)}`);
      return { status: 'noFolder' };
    }
  }

  /**
   * The folder whose instructions apply to `uri`: only the one that holds it
   * (a notebook cell: its notebook). Never another folder, whatever the order.
   */
  private locate(uri: vscode.Uri): { folder: vscode.WorkspaceFolder; forFile: string } | { outside: string } {
    const home = documentHome(uri);
    const folder = vscode.workspace.getWorkspaceFolder(home);
    const forFile = folder ? folderRelativePath(folder.uri, home) : undefined;
    return folder && forFile !== undefined ? { folder, forFile } : { outside: outsideName(home) };
  }

  private resolverFor(folder: vscode.WorkspaceFolder): InstructionResolver {
    const key = folder.uri.toString();
    let resolver = this.resolvers.get(key);
    if (!resolver) {
      const confined = ConfinedFolder.of(folder.uri);
      resolver = new InstructionResolver(instructionFsOver((relPath, maxBytes) => confined.read(relPath, maxBytes)), this.settings().options);
      this.resolvers.set(key, resolver);
    }
    return resolver;
  }

  private watch(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      // Every path, because a deleted directory takes its AGENTS.md with it and
      // fallback names may be anything; the resolver decides what matters.
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*'));
      const onEvent = (uri: vscode.Uri): void => this.onFileEvent(folder, uri);
      this.watchers.push(watcher, watcher.onDidCreate(onEvent), watcher.onDidChange(onEvent), watcher.onDidDelete(onEvent));
    }
  }

  private onUriChanged(uri: vscode.Uri): void {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (folder) this.onFileEvent(folder, uri);
  }

  private onFileEvent(folder: vscode.WorkspaceFolder, uri: vscode.Uri): void {
    const resolver = this.resolvers.get(folder.uri.toString());
    if (!resolver) return;
    const rel = folderRelativePath(folder.uri, uri);
    if (rel === undefined || !resolver.isInstructionPath(rel)) return;
    this.log.debug(`Instruction file changed: ${folder.name}/${rel}`);
    resolver.invalidate(rel);
    void this.refresh();
  }

  private logWarnings(folder: vscode.WorkspaceFolder, warnings: readonly string[]): void {
    for (const warning of warnings) {
      const key = `${folder.uri.toString()}\u0000${warning}`;
      if (this.loggedWarnings.has(key)) continue;
      this.loggedWarnings.add(key);
      this.log.warn(`Instructions (${folder.name}): ${warning}`);
    }
  }
}
