// Pure: builds what one completion asks the daemon, from the editor's text and
// the model's facts. No `vscode` import (ESLint enforces it), so the benchmark
// drives the same code with a virtual document.
import type { CompletionPosition } from './completionCache';
import { chooseCompletionMode } from './completionMode';
import { buildCompletionPrompt } from './completionPrompt';
import type { SupportedTransport } from './completionPrompt';
import { selectContextSnippets, snippetQuery } from './contextSnippets';
import type { SnippetSource, SnippetWindowCache } from './contextSnippets';
import type { ContextFile } from './fimTemplates';
import { DEFAULT_TAB_SIZE, isBlank } from './codeLines';
import type { CompletionTextContext } from './postProcess';
import { MAX_CHARS_PER_TOKEN } from './charsPerToken';
import { DEFAULT_CONTEXT_SHARE, WINDOW_BLOCK_LINES, planPromptBudget, windowPrompt } from './promptBudget';
import type { PromptBudget } from './promptBudget';
import { renderPromptHeader } from './promptHeader';
import { detectFimFamily } from '../fimFamily';
import { asLineComment } from '../instructions/completionDigest';
import type { GenerateRequest, ModelInfo } from '../engine/engineTypes';

/** One inline completion request as the editor sees it. */
export interface CompletionQuery {
  /** Identifies the document (its URI) for the cache and the scheduler. */
  readonly docKey: string;
  /**
   * The document up to the cursor, from its first line or from a line chosen
   * by documentSpan() (a multiple of WINDOW_BLOCK_LINES with enough text
   * after it): the prompt window snaps to block boundaries counted from here.
   */
  readonly docPrefix: string;
  readonly docSuffix: string;
  readonly languageId: string;
  /** Asked for by the user (Invoke): no debounce. */
  readonly explicit: boolean;
  readonly tabSize?: number;
  /** Workspace-relative path; names the file in multi-file prompt formats. */
  readonly filePath?: string;
  readonly repoName?: string;
  /** The AGENTS.md digest ('' or absent when the user has not enabled it). */
  readonly digest?: string;
  /** Other files to draw snippets from; read only when a request is really sent. */
  readonly snippetSources?: () => readonly SnippetSource[];
  /**
   * May the answer go after the end of the cursor line when nothing fits at
   * the cursor (see afterLineQuery)? On unless false; the adapter turns it
   * off while the suggest widget is open, whose item the answer continues.
   */
  readonly proposeAfterLine?: boolean;
}

export interface RequestLimits {
  /** hearth.ollama.numCtx: the same for chat and completion, so a shared model never reloads. */
  readonly numCtx: number;
  /** hearth.completion.maxTokens → num_predict. */
  readonly maxTokens: number;
}

/** Where the prompt windows fall: decided before the cache lookup, whose key they are. */
export interface CompletionWindow {
  readonly position: CompletionPosition;
  readonly budget: PromptBudget;
  readonly numCtx: number;
  /** The budget left part of the document out: only then does the chars-per-token ratio matter. */
  readonly cut: boolean;
}

export function completionWindow(query: CompletionQuery, info: ModelInfo, limits: RequestLimits, charsPerToken: number): CompletionWindow {
  // The daemon never loads more context than the model has, whatever num_ctx asks.
  const numCtx = Math.min(limits.numCtx, info.contextLength ?? Infinity);
  const headerChars = query.digest ? renderPromptHeader({ digest: query.digest, comment: commentFor(query) }).length : 0;
  const budget = planPromptBudget({
    numCtx,
    numPredict: limits.maxTokens,
    charsPerToken,
    // Reserved whenever other files exist, so the windows (the cache key) do not depend on their text.
    contextShare: query.snippetSources !== undefined ? DEFAULT_CONTEXT_SHARE : 0,
    headerChars,
  });
  const window = windowPrompt(query.docPrefix, query.docSuffix, budget);
  const cut = window.prefix.length < query.docPrefix.length || window.suffix.length < query.docSuffix.length;
  return { position: { docKey: query.docKey, prefix: window.prefix, suffix: window.suffix }, budget, numCtx, cut };
}

export interface PreparedRequest {
  readonly request: GenerateRequest;
  readonly text: CompletionTextContext;
  readonly snippets: readonly ContextFile[];
  /** Characters of prompt + suffix, for calibrating chars-per-token against prompt_eval_count. */
  readonly promptChars: number;
}

/** The `/api/generate` body for a cache miss, and what post-processing needs to judge the answer. */
export function prepareRequest(
  query: CompletionQuery,
  window: CompletionWindow,
  info: ModelInfo,
  transport: SupportedTransport,
  limits: RequestLimits,
  snippets: { readonly previous?: readonly ContextFile[]; readonly cache?: SnippetWindowCache } = {},
): PreparedRequest {
  const { prefix, suffix } = window.position;
  const tabSize = query.tabSize ?? DEFAULT_TAB_SIZE;
  const mode = chooseCompletionMode(prefix, suffix, tabSize);
  const sources = window.budget.contextChars > 0 ? (query.snippetSources?.() ?? []) : [];
  const chosen =
    sources.length > 0
      ? selectContextSnippets(snippetQuery(prefix, suffix), sources, { maxChars: window.budget.contextChars, ...snippets })
      : [];
  const prompt = buildCompletionPrompt(transport, {
    prefix,
    suffix,
    files: chosen,
    ...(query.repoName !== undefined ? { repoName: query.repoName } : {}),
    ...(query.filePath !== undefined ? { filePath: query.filePath } : {}),
    ...(query.digest ? { digest: query.digest } : {}),
    comment: commentFor(query),
  });
  const family = transport.kind === 'raw' ? transport.family : detectFimFamily(info.name);
  const request: GenerateRequest = {
    model: info.name,
    prompt: prompt.prompt,
    // An empty suffix would make Ollama skip its FIM template and wrap the
    // prompt as a chat turn (instruct models); a newline is what ends a file anyway.
    ...(transport.kind === 'suffix' ? { suffix: prompt.suffix === undefined || prompt.suffix === '' ? '\n' : prompt.suffix } : {}),
    ...(prompt.raw ? { raw: true } : {}),
    // Thinking models think by default: seconds of hidden tokens before the first visible one.
    ...(info.capabilities.includes('thinking') ? { think: false } : {}),
    options: { num_predict: limits.maxTokens, ...(prompt.stop.length > 0 ? { stop: [...prompt.stop] } : {}) },
    ...(prompt.infill ? { infill: prompt.infill } : {}),
  };
  return {
    request,
    text: { prefix, suffix, mode, ...(family !== undefined ? { family } : {}), languageId: query.languageId, tabSize },
    snippets: chosen,
    promptChars: request.prompt.length + (request.suffix?.length ?? 0),
  };
}

/** A query moved to the end of its cursor line, and the text between the cursor and that end. */
export interface AfterLineQuery {
  readonly query: CompletionQuery;
  readonly restOfLine: string;
}

/**
 * The same query with the cursor at the end of its line. When the model has
 * nothing to insert in the middle of a line (it only repeats what follows
 * the cursor: the line is complete), what the user may want next is what
 * follows the line, and the editor can offer that from where the cursor is
 * (an item replacing the rest of the line with itself plus the new text).
 * Undefined where there is no rest of the line to skip.
 */
export function afterLineQuery(query: CompletionQuery): AfterLineQuery | undefined {
  const end = query.docSuffix.search(/\r?\n/);
  const restOfLine = end < 0 ? query.docSuffix : query.docSuffix.slice(0, end);
  if (isBlank(restOfLine)) return undefined;
  return { query: { ...query, docPrefix: query.docPrefix + restOfLine, docSuffix: query.docSuffix.slice(restOfLine.length) }, restOfLine };
}

function commentFor(query: CompletionQuery): (text: string) => string {
  return (text) => asLineComment(text, query.languageId);
}

/** Lines of the document a completion can ever read around the cursor; see documentSpan(). */
export interface DocumentSpan {
  /** First line of docPrefix: a multiple of WINDOW_BLOCK_LINES. */
  readonly startLine: number;
  /** Last line of docSuffix (inclusive). */
  readonly endLine: number;
}

/**
 * The lines to hand the pipeline instead of the whole file. No prompt window
 * can exceed numCtx × MAX_CHARS_PER_TOKEN characters, so text beyond that is
 * never read; and windowPrompt snaps to multiples of WINDOW_BLOCK_LINES
 * counted from the start of the text it gets, so a prefix starting on such a
 * multiple (with more than a window of text after it) yields exactly the
 * window the whole file would. On a 20,000-line file this saves copying and
 * scanning a megabyte per keystroke.
 */
export function documentSpan(
  cursor: { readonly line: number; readonly character: number },
  lineCount: number,
  lineLength: (line: number) => number,
  numCtx: number,
): DocumentSpan {
  const minChars = Math.ceil(numCtx * MAX_CHARS_PER_TOKEN) + 1;
  let line = cursor.line;
  let chars = cursor.character;
  while (line > 0 && chars < minChars) chars += lineLength(--line) + 1;
  const startLine = Math.floor(line / WINDOW_BLOCK_LINES) * WINDOW_BLOCK_LINES;
  let endLine = cursor.line;
  chars = lineLength(cursor.line) - cursor.character;
  while (endLine < lineCount - 1 && chars < minChars) chars += lineLength(++endLine) + 1;
  return { startLine, endLine };
}
