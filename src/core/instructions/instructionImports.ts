import { joinRelPath, normalizeRelPath, parentDir } from './instructionPaths';
import { utf8ByteLength } from './utf8Text';

/** What reading an import target found: its decoded text, a refusal, or nothing. */
export type ImportRead =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'absent' };

export type ReadImport = (relPath: string) => Promise<ImportRead>;

/** An instruction file's imports may nest this deep; a deeper import line stays as written. */
export const MAX_IMPORT_DEPTH = 5;

export interface ImportExpansion {
  readonly text: string;
  /** Every expanded path, at any depth, in order of first use. */
  readonly imports: string[];
  /** Import paths that were looked at, expanded or not: the watcher must invalidate on them. */
  readonly referenced: string[];
  readonly warnings: string[];
}

/**
 * The target of a Claude-style import line (`@docs/style.md` alone on a line),
 * or undefined. A lone `@name` without a dot or slash is a mention, not a path.
 */
export function parseImportLine(line: string): string | undefined {
  const match = /^[ \t]*@(\S+)[ \t]*$/.exec(line);
  const target = match?.[1];
  if (target === undefined || !/[./]/.test(target)) return undefined;
  return target;
}

/** Confines an import to the workspace folder: relative to the importing file, never above the root. */
export function resolveImportTarget(importerRelPath: string, target: string): { relPath: string } | { refusal: string } {
  if (target.startsWith('/') || target.startsWith('~') || target.includes('\\') || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(target)) {
    return { refusal: 'only paths relative to the importing file are allowed' };
  }
  const relPath = normalizeRelPath(joinRelPath(parentDir(importerRelPath), target));
  if (relPath === undefined) return { refusal: 'it points outside the workspace folder' };
  if (relPath === '') return { refusal: 'it names a directory' };
  return { relPath };
}

interface ExpansionState {
  readonly read: ReadImport;
  readonly maxBytes: number;
  bytes: number;
  readonly imports: string[];
  readonly referenced: Set<string>;
  readonly warnings: string[];
}

/**
 * Replaces import lines outside fenced code blocks with the imported file's
 * text, recursively. Cycle-safe (a file on the import stack is not expanded
 * again) and bounded: once the output passes `maxBytes` (beyond which the budget
 * would cut anyway) further imports stay unexpanded, so a fan-out of imports
 * cannot balloon. Lines that are not expanded stay as written.
 */
export async function expandImports(text: string, fileRelPath: string, read: ReadImport, maxBytes: number): Promise<ImportExpansion> {
  const state: ExpansionState = { read, maxBytes, bytes: 0, imports: [], referenced: new Set(), warnings: [] };
  const expanded = await expandFile(text, [fileRelPath], state);
  return { text: expanded, imports: state.imports, referenced: [...state.referenced], warnings: state.warnings };
}

async function expandFile(text: string, stack: readonly string[], state: ExpansionState): Promise<string> {
  const out: string[] = [];
  const fences = new FenceTracker();
  for (const line of text.split('\n')) {
    const target = fences.inside(line) || state.bytes > state.maxBytes ? undefined : parseImportLine(line);
    // An expanded import counted its own lines as it went.
    const replacement = target === undefined ? undefined : await expandImportLine(target, stack, state);
    if (replacement === undefined) state.bytes += utf8ByteLength(line) + 1;
    out.push(replacement ?? line);
  }
  return out.join('\n');
}

/** The expanded text for one import line, or undefined to keep the line as written. */
async function expandImportLine(target: string, stack: readonly string[], state: ExpansionState): Promise<string | undefined> {
  const importer = stack[stack.length - 1] ?? '';
  const warn = (why: string): undefined => {
    state.warnings.push(`${importer}: import "@${target}" ${why}`);
    return undefined;
  };
  const resolved = resolveImportTarget(importer, target);
  if ('refusal' in resolved) return warn(`refused: ${resolved.refusal}`);
  const { relPath } = resolved;
  state.referenced.add(relPath);
  if (stack.includes(relPath)) return warn(`not expanded: it would form a cycle (${[...stack, relPath].join(' → ')})`);
  if (stack.length > MAX_IMPORT_DEPTH) return warn(`not expanded: imports nest at most ${MAX_IMPORT_DEPTH} deep`);
  const found = await state.read(relPath);
  if (found.kind === 'absent') return warn('not found');
  if (found.kind === 'refused') return warn(`refused: ${found.reason}`);
  if (!state.imports.includes(relPath)) state.imports.push(relPath);
  return expandFile(found.text.replace(/\n+$/, ''), [...stack, relPath], state);
}

/**
 * CommonMark fenced code blocks: an import-looking line inside one is an
 * example, not an import. A fence closes with the same character, at least as
 * long, and nothing but whitespace after it.
 */
class FenceTracker {
  private open: { char: string; length: number } | undefined;

  /** Feeds one line; true when the line belongs to a fenced block (fence lines included). */
  inside(line: string): boolean {
    const match = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    const fence = match?.[1];
    if (this.open === undefined) {
      if (fence === undefined || (fence.startsWith('`') && (match?.[2] ?? '').includes('`'))) return false;
      this.open = { char: fence.charAt(0), length: fence.length };
      return true;
    }
    if (fence !== undefined && fence.charAt(0) === this.open.char && fence.length >= this.open.length && (match?.[2] ?? '').trim() === '') {
      this.open = undefined;
    }
    return true;
  }
}
