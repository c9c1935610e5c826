import { mkdir, readdir, unlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { CommandResult, DiagnosticItem, DirEntry, FileText, SearchMatch, SearchQuery, ToolExecutor } from '../../core/agent/agentTypes';
import { ToolFailure } from '../../core/agent/agentTypes';
import type { CommandSpec } from '../../core/agent/commandLine';
import { decodeExactText, encodeExactText } from '../../core/agent/exactText';
import type { ConfinementFs } from '../../core/confinement/confinementFs';
import { readConfined, resolveConfined, resolveConfinedWrite } from '../../core/confinement/workspaceConfinement';
import { NodeConfinementFs } from '../confinement/nodeConfinementFs';
import { runProcess } from './processRunner';
import type { ProcessLimits } from './processRunner';

/** The files the agent reads or edits are source files: larger ones are refused rather than read whole. */
export const MAX_AGENT_FILE_BYTES = 4 * 1024 * 1024;

/** What only the editor knows: its search (files.exclude, .gitignore) and the Problems of a file. */
export interface EditorLookups {
  search(query: SearchQuery, signal: AbortSignal): Promise<{ readonly matches: readonly SearchMatch[]; readonly truncated: boolean }>;
  /** Problems of the file at this folder-relative path (already confined). */
  diagnostics(relPath: string): readonly DiagnosticItem[];
}

/**
 * The agent's tools over one workspace folder on disk. Every path the model
 * names passes the confinement rule (core/confinement): resolved to its real
 * path, every link followed, inside the folder's real path, regular files
 * only; a link out of the folder is refused like `..`. Writes happen only
 * while the file still holds the text the user approved against; commands run
 * in the folder through runProcess. Node only, so unit tests run it on real
 * links in a temporary folder; the editor's part comes in as EditorLookups.
 */
export class DiskToolExecutor implements ToolExecutor {
  constructor(
    readonly root: string,
    private readonly lookups: EditorLookups,
    private readonly fs: ConfinementFs = new NodeConfinementFs(),
  ) {}

  async readText(relPath: string): Promise<FileText> {
    const read = await readConfined(this.fs, this.root, relPath, MAX_AGENT_FILE_BYTES + 1);
    switch (read.kind) {
      case 'absent':
        return { exists: false };
      case 'directory':
        throw new ToolFailure(`${relPath} is a directory: use list_dir to see what it holds.`);
      case 'refused':
        throw refused(relPath, read.reason);
      case 'file': {
        if (read.size > MAX_AGENT_FILE_BYTES) throw new ToolFailure(`${relPath} is too large (${read.size} bytes) for the agent to read or edit.`);
        const decoded = decodeExactText(read.bytes);
        if (!decoded.ok) throw new ToolFailure(`${relPath} cannot be read as text: ${decoded.reason}.`);
        return { exists: true, text: decoded.text };
      }
    }
  }

  async listDir(relPath: string): Promise<readonly DirEntry[]> {
    const entry = await resolveConfined(this.fs, this.root, relPath);
    if (entry.kind === 'refused') throw refused(relPath, entry.reason);
    if (entry.kind === 'absent') throw new ToolFailure(`${relPath || '.'} does not exist.`);
    if (entry.kind !== 'directory') throw new ToolFailure(`${relPath} is a file, not a directory: use read_file.`);
    const names = await readdir(entry.path, { withFileTypes: true });
    // A link is listed as what it is only when it stays inside the folder; one leading out is 'other' (reading it is refused).
    const kinds = await Promise.all(
      names.map(async (d): Promise<DirEntry> => {
        if (d.isDirectory()) return { name: d.name, kind: 'dir' };
        if (d.isFile()) return { name: d.name, kind: 'file' };
        if (!d.isSymbolicLink()) return { name: d.name, kind: 'other' };
        const target = await resolveConfined(this.fs, this.root, joinRel(entry.relPath, d.name));
        return { name: d.name, kind: target.kind === 'directory' ? 'dir' : target.kind === 'file' ? 'file' : 'other' };
      }),
    );
    return kinds.sort((a, b) => a.name.localeCompare(b.name));
  }

  search(query: SearchQuery, signal: AbortSignal): Promise<{ readonly matches: readonly SearchMatch[]; readonly truncated: boolean }> {
    return this.lookups.search(query, signal);
  }

  async writeText(relPath: string, text: string, expected: string | undefined): Promise<void> {
    const target = await resolveConfinedWrite(this.fs, this.root, relPath);
    if (target.kind === 'refused') throw refused(relPath, target.reason);
    const current = await this.readText(relPath);
    if (expected === undefined && current.exists) throw new ToolFailure(`${relPath} was created by someone else in the meantime; nothing was written.`);
    if (expected !== undefined && (!current.exists || current.text !== expected)) {
      throw new ToolFailure(`${relPath} changed after the edit was shown for approval; nothing was written. Read it again.`);
    }
    // New folders are plain names below a confined real parent.
    if (target.createDirectories.length > 0) await mkdir(path.dirname(target.path), { recursive: true });
    // 'wx' for a new file: if one appears between the check and the write, it is not overwritten.
    await writeFile(target.path, encodeExactText(text), { flag: expected === undefined ? 'wx' : 'w' });
  }

  /** Deletes a file the run created (Undo), only while it still holds `expected`. */
  async removeFile(relPath: string, expected: string): Promise<void> {
    const entry = await resolveConfined(this.fs, this.root, relPath);
    if (entry.kind === 'refused') throw refused(relPath, entry.reason);
    if (entry.kind !== 'file') return;
    const current = await this.readText(relPath);
    if (!current.exists || current.text !== expected) throw new ToolFailure(`${relPath} changed after the run, so it was not deleted.`);
    await unlink(entry.path);
  }

  runCommand(command: CommandSpec, limits: ProcessLimits, signal: AbortSignal): Promise<CommandResult> {
    return runProcess(command, this.root, limits, signal);
  }

  async diagnostics(relPath: string): Promise<readonly DiagnosticItem[]> {
    const entry = await resolveConfined(this.fs, this.root, relPath);
    if (entry.kind === 'refused') throw refused(relPath, entry.reason);
    if (entry.kind !== 'file') throw new ToolFailure(`${relPath} is not a file in the workspace.`);
    return this.lookups.diagnostics(entry.relPath);
  }
}

function refused(relPath: string, reason: string): ToolFailure {
  return new ToolFailure(`${relPath} is refused: ${reason}. Only files inside the workspace folder can be used.`);
}

function joinRel(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/** The folder-relative '/' path of an absolute path under `root` (for the editor's lookups). */
export function relativeTo(root: string, absolute: string): string {
  return path.relative(root, absolute).split(path.sep).join('/');
}
