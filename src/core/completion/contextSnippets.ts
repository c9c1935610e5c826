import { firstLines, lastLines } from './codeLines';
import type { ContextFile } from './fimTemplates';

/** A recently edited or visible file other than the one being edited. */
export interface SnippetSource {
  readonly path: string;
  readonly text: string;
}

export interface SnippetOptions {
  /** Characters all snippets together may use (PromptBudget.contextChars). */
  readonly maxChars: number;
  readonly windowLines?: number;
  readonly stepLines?: number;
  /** Jaccard similarity below which a window is noise. */
  readonly minScore?: number;
  readonly maxSnippets?: number;
  /** The snippets chosen for the previous request of this document. */
  readonly previous?: readonly ContextFile[];
  /** Keeps other files' windows tokenized between requests (they rarely change while the user types). */
  readonly cache?: SnippetWindowCache;
}

/** A window of a source's lines with its identifier tokens. */
export interface TokenizedWindow {
  readonly text: string;
  readonly tokens: ReadonlySet<string>;
}

const DEFAULT_CACHED_SOURCES = 32;

/**
 * Tokenized windows per source text. Selection runs on every request; the
 * other files it reads stay the same while the user types in this one, so
 * their windows are split and tokenized once, not per keystroke.
 */
export class SnippetWindowCache {
  // Keyed by the text itself (no key string built from it per request), then by the window shape.
  private readonly entries = new Map<string, { readonly shape: string; readonly windows: readonly TokenizedWindow[] }>();
  private readonly tokenSets = new Map<string, ReadonlySet<string>>();

  constructor(private readonly maxSources = DEFAULT_CACHED_SOURCES) {}

  windows(text: string, windowLines: number, stepLines: number): readonly TokenizedWindow[] {
    const shape = `${windowLines}:${stepLines}`;
    const cached = this.entries.get(text);
    if (cached?.shape === shape) return cached.windows;
    const windows = tokenizedWindows(text, windowLines, stepLines);
    this.remember(this.entries, text, { shape, windows });
    return windows;
  }

  tokens(text: string): ReadonlySet<string> {
    const cached = this.tokenSets.get(text);
    if (cached !== undefined) return cached;
    const tokens = identifierTokens(text);
    this.remember(this.tokenSets, text, tokens);
    return tokens;
  }

  private remember<T>(map: Map<string, T>, key: string, value: T): void {
    map.set(key, value);
    for (const oldest of map.keys()) {
      if (map.size <= this.maxSources) break;
      map.delete(oldest);
    }
  }
}

const DEFAULT_WINDOW_LINES = 24;
const DEFAULT_STEP_LINES = 12;
const DEFAULT_MIN_SCORE = 0.08;
const DEFAULT_MAX_SNIPPETS = 4;
/** The previous choice stays while it scores at least this share of a new one. */
const KEEP_PREVIOUS_SHARE = 0.8;

// Keywords say nothing about which code is related.
const STOP_WORDS = new Set(
  (
    'if else for while do return const let var function def class import from export default new this self true false ' +
    'null none undefined void int string number boolean bool public private protected static async await try catch ' +
    'finally throw throws in of is not and or as with pass break continue switch case fn pub use mut impl struct ' +
    'type interface extends implements package func go end then elif lambda yield print'
  ).split(' '),
);

export function identifierTokens(text: string): Set<string> {
  const tokens = new Set<string>();
  for (const match of text.matchAll(/[A-Za-z_$][\w$]*/g)) {
    const token = match[0];
    if (token.length >= 2 && !STOP_WORDS.has(token.toLowerCase())) tokens.add(token);
  }
  return tokens;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const token of a) if (b.has(token)) shared++;
  return shared / (a.size + b.size - shared);
}

/** The code around the cursor that snippets are compared with. */
export function snippetQuery(prefix: string, suffix: string, linesBefore = 20, linesAfter = 5): string {
  const before = lastLines(prefix, linesBefore);
  const after = firstLines(suffix, linesAfter);
  return `${before}${after}`;
}

interface Scored {
  readonly snippet: ContextFile;
  readonly score: number;
}

/**
 * Snippets of other files most like the code around the cursor (Jaccard over
 * identifier tokens of sliding line windows), at most one per file so one file
 * cannot crowd out the rest, within `maxChars`. Returned weakest first, so the
 * best sits nearest the edited file in the prompt.
 *
 * Snippets go before the edited file in every prompt format, so changing them
 * invalidates the daemon's KV cache for the whole prompt: the previous choice
 * is kept while it still exists and scores nearly as well as a new one.
 */
export function selectContextSnippets(query: string, sources: readonly SnippetSource[], options: SnippetOptions): ContextFile[] {
  const queryTokens = identifierTokens(query);
  if (queryTokens.size === 0 || options.maxChars <= 0) return [];
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  const windowLines = options.windowLines ?? DEFAULT_WINDOW_LINES;
  const stepLines = options.stepLines ?? DEFAULT_STEP_LINES;
  const cache = options.cache;
  const windowsOf = (text: string): readonly TokenizedWindow[] =>
    cache !== undefined ? cache.windows(text, windowLines, stepLines) : tokenizedWindows(text, windowLines, stepLines);
  const candidates = sources
    .map((source) => bestWindow(source, windowsOf(source.text), queryTokens))
    .filter((c): c is Scored => c !== undefined && c.score >= minScore)
    .sort((a, b) => b.score - a.score);
  const chosen: Scored[] = [];
  let used = 0;
  for (const candidate of candidates) {
    if (chosen.length >= (options.maxSnippets ?? DEFAULT_MAX_SNIPPETS)) break;
    const cost = snippetCost(candidate.snippet);
    if (used + cost > options.maxChars) continue;
    chosen.push(candidate);
    used += cost;
  }
  const fresh = chosen.reverse();
  const tokensOf = (text: string): ReadonlySet<string> => (cache !== undefined ? cache.tokens(text) : identifierTokens(text));
  const kept = keepPrevious(options.previous, fresh, sources, queryTokens, options.maxChars, tokensOf);
  return (kept ?? fresh).map((c) => c.snippet);
}

function keepPrevious(
  previous: readonly ContextFile[] | undefined,
  fresh: readonly Scored[],
  sources: readonly SnippetSource[],
  queryTokens: ReadonlySet<string>,
  maxChars: number,
  tokensOf: (text: string) => ReadonlySet<string>,
): Scored[] | undefined {
  if (previous === undefined || previous.length === 0) return undefined;
  const stillThere = previous.every((p) => sources.some((s) => s.path === p.path && s.text.includes(p.text)));
  const cost = previous.reduce((n, p) => n + snippetCost(p), 0);
  if (!stillThere || cost > maxChars) return undefined;
  const kept = previous.map((snippet) => ({ snippet, score: jaccard(queryTokens, tokensOf(snippet.text)) }));
  return mean(kept) >= KEEP_PREVIOUS_SHARE * mean(fresh) ? kept : undefined;
}

function tokenizedWindows(text: string, windowLines: number, stepLines: number): TokenizedWindow[] {
  const lines = text.split('\n');
  const windows: TokenizedWindow[] = [];
  for (let start = 0; start < lines.length; start += Math.max(1, stepLines)) {
    const window = lines.slice(start, start + windowLines).join('\n').trimEnd();
    if (window.trim() !== '') windows.push({ text: window, tokens: identifierTokens(window) });
    if (start + windowLines >= lines.length) break;
  }
  return windows;
}

function bestWindow(source: SnippetSource, windows: readonly TokenizedWindow[], queryTokens: ReadonlySet<string>): Scored | undefined {
  let best: Scored | undefined;
  for (const window of windows) {
    const score = jaccard(queryTokens, window.tokens);
    if (best === undefined || score > best.score) best = { snippet: { path: source.path, text: window.text }, score };
  }
  return best;
}

/** Path, text and the separators around them. */
function snippetCost(snippet: ContextFile): number {
  return snippet.path.length + snippet.text.length + 2;
}

function mean(scored: readonly Scored[]): number {
  return scored.length === 0 ? 0 : scored.reduce((n, s) => n + s.score, 0) / scored.length;
}
