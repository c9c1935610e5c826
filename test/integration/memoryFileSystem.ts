// A file system provider held in memory, registered in the test's extension
// host: a stand-in for virtual workspaces (GitHub repositories, remote
// providers) where Hearth sees files only through workspace.fs. Entries can
// claim to be symbolic links or special files, as such providers may report.
import * as vscode from 'vscode';

interface Entry {
  type: vscode.FileType;
  data: Uint8Array;
  /** Reported by stat instead of data.length (a "huge" file without the memory). */
  size?: number;
  mtime: number;
}

export class MemoryFileSystem implements vscode.FileSystemProvider {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  /** Paths readFile was asked for, in order. */
  readonly reads: string[] = [];

  constructor(readonly scheme: string) {
    this.entries.set('/', { type: vscode.FileType.Directory, data: new Uint8Array(), mtime: Date.now() });
  }

  uri(path: string): vscode.Uri {
    return vscode.Uri.from({ scheme: this.scheme, path });
  }

  /** Adds an entry (and its parent directories). `type` may carry FileType.SymbolicLink. */
  add(path: string, type: vscode.FileType, text = '', size?: number): void {
    const parts = path.split('/').filter(Boolean);
    for (let i = 1; i < parts.length; i++) {
      const dir = `/${parts.slice(0, i).join('/')}`;
      if (!this.entries.has(dir)) this.entries.set(dir, { type: vscode.FileType.Directory, data: new Uint8Array(), mtime: Date.now() });
    }
    this.entries.set(path, { type, data: new TextEncoder().encode(text), ...(size !== undefined ? { size } : {}), mtime: Date.now() });
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const entry = this.get(uri);
    return { type: entry.type, ctime: entry.mtime, mtime: entry.mtime, size: entry.size ?? entry.data.length };
  }

  readDirectory(uri: vscode.Uri): [string, vscode.FileType][] {
    const base = uri.path.replace(/\/$/, '');
    return [...this.entries.entries()]
      .filter(([path]) => path !== base && path.startsWith(`${base}/`) && !path.slice(base.length + 1).includes('/'))
      .map(([path, entry]) => [path.slice(base.length + 1), entry.type]);
  }

  createDirectory(uri: vscode.Uri): void {
    this.add(uri.path, vscode.FileType.Directory);
  }

  readFile(uri: vscode.Uri): Uint8Array {
    this.reads.push(uri.path);
    const entry = this.get(uri);
    if (entry.type & vscode.FileType.Directory) throw vscode.FileSystemError.FileIsADirectory(uri);
    return entry.data;
  }

  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    const existing = this.entries.get(uri.path);
    this.entries.set(uri.path, { type: existing?.type ?? vscode.FileType.File, data: content, mtime: Date.now() });
    this.changed.fire([{ type: existing ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri }]);
  }

  delete(uri: vscode.Uri): void {
    this.entries.delete(uri.path);
    this.changed.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
  }

  rename(oldUri: vscode.Uri, newUri: vscode.Uri): void {
    const entry = this.get(oldUri);
    this.entries.delete(oldUri.path);
    this.entries.set(newUri.path, entry);
  }

  private get(uri: vscode.Uri): Entry {
    const entry = this.entries.get(uri.path);
    if (!entry) throw vscode.FileSystemError.FileNotFound(uri);
    return entry;
  }
}
