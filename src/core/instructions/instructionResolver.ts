import { assembleInstructionText } from './assembleInstructionText';
import { BoundedCache } from './boundedCache';
import { applyInstructionBudget } from './instructionBudget';
import { InstructionFileStore } from './instructionFileStore';
import type { InstructionFileRecord } from './instructionFileStore';
import type { InstructionFs } from './instructionFs';
import { expandImports } from './instructionImports';
import type { ImportRead } from './instructionImports';
import { candidateFileNames, instructionReadLimit, normalizeInstructionOptions } from './instructionOptions';
import type { InstructionOptions } from './instructionOptions';
import { directoryChain, isSameOrBelow, joinRelPath, normalizeRelPath, parentDir } from './instructionPaths';
import { estimateTokens, noInstructions } from './resolvedInstructions';
import type { InstructionFileEntry, ResolvedInstructions } from './resolvedInstructions';
import { utf8ByteLength } from './utf8Text';

/** The instruction file chosen for one directory. `transient` lookups (a read failed) are not cached. */
interface DirectoryHit {
  readonly relPath: string;
  readonly transient: boolean;
}

/** One chain member before the budget is applied. */
interface ChainSource {
  readonly entry: Omit<InstructionFileEntry, 'keptBytes' | 'tokens' | 'trimmed' | 'text'>;
  readonly text: string;
}

const DIRECTORY_CACHE_ENTRIES = 2048;

/**
 * Resolves the AGENTS.md chain of one workspace folder: for a directory, the
 * first present candidate name in each directory from the folder root down,
 * root → leaf, shared budget spent from the leaf up. Directory lookups and file
 * texts are cached until the adapter's watcher invalidates them, so moving
 * between files of a package costs no reads. One resolver per workspace folder:
 * its fs cannot address another folder.
 */
export class InstructionResolver {
  private options: InstructionOptions;
  private readonly files: InstructionFileStore;
  private readonly directories = new BoundedCache<string, Promise<DirectoryHit | undefined>>(DIRECTORY_CACHE_ENTRIES);
  /** Lower-cased import targets seen so far, present or not, so their creation or change invalidates. */
  private readonly importTargets = new Set<string>();

  constructor(fs: InstructionFs, options: InstructionOptions) {
    this.options = normalizeInstructionOptions(options);
    this.files = new InstructionFileStore(fs, instructionReadLimit(this.options));
  }

  setOptions(options: InstructionOptions): void {
    const next = normalizeInstructionOptions(options);
    if (next.fallbackFileNames.join('\n') !== this.options.fallbackFileNames.join('\n')) this.directories.clear();
    this.files.setReadLimit(instructionReadLimit(next));
    this.options = next;
  }

  /** For the file at `fileRelPath` ('' = no active file: the folder root's own instructions). A path is taken as a file: pass a directory to resolveForDirectory. */
  resolveForFile(fileRelPath: string): Promise<ResolvedInstructions> {
    const path = normalizeRelPath(fileRelPath);
    if (path === undefined) return Promise.resolve(outsideFolder(fileRelPath));
    return this.resolveForDirectory(parentDir(path));
  }

  /** For the directory `relDir` ('' = folder root: chat without an active file). */
  async resolveForDirectory(relDir: string): Promise<ResolvedInstructions> {
    const dir = normalizeRelPath(relDir);
    if (dir === undefined) return outsideFolder(relDir);
    const options = this.options;
    const dirs = directoryChain(dir);
    const hits = await Promise.all(dirs.map((d) => this.lookUpDirectory(d)));
    const warnings: string[] = [];
    const sources: ChainSource[] = [];
    const seen = new Set<string>();
    for (const [i, hit] of hits.entries()) {
      if (hit === undefined || seen.has(hit.relPath)) continue;
      seen.add(hit.relPath);
      const source = await this.prepare(dirs[i] ?? '', hit.relPath, options, warnings);
      if (source !== undefined) sources.push(source);
    }
    return this.finish(sources, options, warnings);
  }

  /**
   * Forgets what is cached about `relPath` and, for a directory, everything
   * below it. Case-insensitive, because on macOS and Windows the watcher may
   * report another casing than the one we read; over-invalidating only costs a
   * re-read.
   */
  invalidate(relPath: string): void {
    const path = normalizeRelPath(relPath);
    if (path === undefined) return;
    const target = path.toLowerCase();
    const affected = (p: string): boolean => isSameOrBelow(p.toLowerCase(), target);
    // A candidate read through a link inside the folder changes when its target does.
    const names = candidateFileNames(this.options);
    const staleDirectory = (dir: string): boolean =>
      names.some((name) => {
        const candidate = joinRelPath(dir, name);
        return affected(candidate) || this.files.linksInto(candidate, affected);
      });
    this.directories.deleteWhere(staleDirectory);
    this.files.invalidate(affected);
  }

  /**
   * Whether a created, changed or deleted path concerns instructions: a
   * candidate name, a known import target, the target of a link an
   * instruction file was read through, or a directory holding cached lookups
   * (deleted or renamed as a whole). The watcher calls `invalidate` then.
   */
  isInstructionPath(relPath: string): boolean {
    const path = normalizeRelPath(relPath)?.toLowerCase();
    if (path === undefined || path === '') return false;
    const named = candidateFileNames(this.options).some((name) => {
      const lower = name.toLowerCase();
      return path === lower || path.endsWith(`/${lower}`);
    });
    return (
      named ||
      this.importTargets.has(path) ||
      this.files.holds((p) => p.toLowerCase().startsWith(`${path}/`)) ||
      this.files.isLinkTarget((target) => isSameOrBelow(target, path))
    );
  }

  private lookUpDirectory(dir: string): Promise<DirectoryHit | undefined> {
    const cached = this.directories.get(dir);
    if (cached !== undefined) return cached;
    const pending = this.findInstructionFile(dir);
    this.directories.set(dir, pending);
    const forget = (): void => this.directories.deleteIf(dir, pending);
    pending.then((hit) => {
      if (hit?.transient === true) forget();
    }, forget);
    return pending;
  }

  /** First present candidate. A refused or unreadable file still counts as present: it shadows the names after it. */
  private async findInstructionFile(dir: string): Promise<DirectoryHit | undefined> {
    for (const name of candidateFileNames(this.options)) {
      const relPath = joinRelPath(dir, name);
      const record = await this.files.read(relPath);
      if (record.kind === 'absent') continue;
      return { relPath, transient: record.kind === 'refused' && record.transient };
    }
    return undefined;
  }

  private async prepare(dir: string, relPath: string, options: InstructionOptions, warnings: string[]): Promise<ChainSource | undefined> {
    const record = await this.files.read(relPath);
    const base = { relPath, dir, imports: [] as string[] };
    switch (record.kind) {
      case 'absent':
        return undefined; // deleted since the directory was looked up; the watcher will invalidate
      case 'refused':
        warnings.push(`${relPath}: not used, ${record.reason}`);
        return { entry: { ...base, bytes: 0, empty: true, refused: true }, text: '' };
      case 'text': {
        if (!options.importsEnabled) {
          return { entry: { ...base, bytes: record.bytes, empty: record.text.trim() === '', refused: false }, text: record.text };
        }
        const expansion = await expandImports(record.text, relPath, (p) => this.readImport(p), instructionReadLimit(options));
        warnings.push(...expansion.warnings);
        for (const target of expansion.referenced) this.importTargets.add(target.toLowerCase());
        // Keep the unread rest of a long file in the count; imports only ever expand what was read.
        const bytes = record.bytes - utf8ByteLength(record.text) + utf8ByteLength(expansion.text);
        const entry = { ...base, imports: expansion.imports, bytes, empty: expansion.text.trim() === '', refused: false };
        return { entry, text: expansion.text };
      }
    }
  }

  private async readImport(relPath: string): Promise<ImportRead> {
    const record: InstructionFileRecord = await this.files.read(relPath);
    return record.kind === 'text' ? { kind: 'text', text: record.text } : record;
  }

  private finish(sources: readonly ChainSource[], options: InstructionOptions, warnings: string[]): ResolvedInstructions {
    const outcomes = applyInstructionBudget(
      sources.map((source) => ({ text: source.text, bytes: source.entry.bytes })),
      options.budgetBytes,
    );
    const files: InstructionFileEntry[] = sources.map((source, i) => {
      const outcome = outcomes[i] ?? { text: '', keptBytes: 0, trimmed: source.entry.bytes > 0 };
      return { ...source.entry, text: outcome.text, keptBytes: outcome.keptBytes, trimmed: outcome.trimmed, tokens: estimateTokens(outcome.text) };
    });
    const totalBytes = files.reduce((sum, file) => sum + file.bytes, 0);
    const keptBytes = files.reduce((sum, file) => sum + file.keptBytes, 0);
    const text = assembleInstructionText(files);
    return { files, text, totalBytes, keptBytes, trimmedBytes: totalBytes - keptBytes, tokens: estimateTokens(text), warnings: [...new Set(warnings)] };
  }
}

function outsideFolder(path: string): ResolvedInstructions {
  return noInstructions([`${path}: outside the workspace folder, no instructions apply`]);
}
