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
  const before = prefix.split('\n').slice(-linesBefore).join('\n');
  const after = suffix.split('\n').slice(0, linesAfter).join('\n');
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
  const candidates = sources
    .map((source) => bestWindow(source, queryTokens, options.windowLines ?? DEFAULT_WINDOW_LINES, options.stepLines ?? DEFAULT_STEP_LINES))
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
  const kept = keepPrevious(options.previous, fresh, sources, queryTokens, options.maxChars);
  return (kept ?? fresh).map((c) => c.snippet);
}

function keepPrevious(
  previous: readonly ContextFile[] | undefined,
  fresh: readonly Scored[],
  sources: readonly SnippetSource[],
  queryTokens: ReadonlySet<string>,
  maxChars: number,
): Scored[] | undefined {
  if (previous === undefined || previous.length === 0) return undefined;
  const stillThere = previous.every((p) => sources.some((s) => s.path === p.path && s.text.includes(p.text)));
  const cost = previous.reduce((n, p) => n + snippetCost(p), 0);
  if (!stillThere || cost > maxChars) return undefined;
  const kept = previous.map((snippet) => ({ snippet, score: jaccard(queryTokens, identifierTokens(snippet.text)) }));
  return mean(kept) >= KEEP_PREVIOUS_SHARE * mean(fresh) ? kept : undefined;
}

function bestWindow(source: SnippetSource, queryTokens: ReadonlySet<string>, windowLines: number, stepLines: number): Scored | undefined {
  const lines = source.text.split('\n');
  let best: Scored | undefined;
  for (let start = 0; start < lines.length; start += Math.max(1, stepLines)) {
    const text = lines.slice(start, start + windowLines).join('\n').trimEnd();
    const score = jaccard(queryTokens, identifierTokens(text));
    if (text.trim() !== '' && (best === undefined || score > best.score)) best = { snippet: { path: source.path, text }, score };
    if (start + windowLines >= lines.length) break;
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
