import { reservedTokensFor } from '../chat/chatPrompt';
import type { ChatMessage } from '../engine/engineTypes';

/** A message of the run with what the budget needs to know about it. */
export interface ContextEntry {
  readonly message: ChatMessage;
  /** 0: the system message and the task, never dropped. Then one number per model turn and what answered it. */
  readonly group: number;
  /** For tool results: what they answer, e.g. 'read_file src/app.ts', for notes and the summary of dropped steps. */
  readonly label?: string;
}

export interface ContextLimits {
  /** num_ctx. */
  readonly contextTokens: number;
  readonly charsPerToken: number;
  /** Characters of the tool schemas sent with every request. */
  readonly toolSchemaChars: number;
}

export interface FittedContext {
  readonly entries: ContextEntry[];
  /** One sentence per shortening or drop, oldest first: shown in the run, never silent. */
  readonly notes: string[];
  readonly promptTokens: number;
  readonly budgetTokens: number;
  /** False when even the system message, the task and the latest step do not fit: the run must stop. */
  readonly fits: boolean;
}

/** Chat templates add a few tokens per message; tool-calling templates add a preamble around the schemas. */
const MESSAGE_OVERHEAD_TOKENS = 4;
const TOOLS_PREAMBLE_TOKENS = 150;
const SHORT_HEAD = 400;
const SHORT_TAIL = 200;
const MIN_KEEP = 300;
const DROPPED_SUMMARY = '[Hearth] Earlier steps were removed to fit the context window:';

export function messageTokens(message: ChatMessage, charsPerToken: number): number {
  const calls = message.tool_calls ? JSON.stringify(message.tool_calls).length : 0;
  return Math.ceil((message.content.length + calls + (message.tool_name?.length ?? 0)) / charsPerToken) + MESSAGE_OVERHEAD_TOKENS;
}

export function promptBudget(limits: ContextLimits): number {
  return limits.contextTokens - reservedTokensFor(limits.contextTokens) - Math.ceil(limits.toolSchemaChars / limits.charsPerToken) - TOOLS_PREAMBLE_TOKENS;
}

/**
 * Makes the run's messages fit num_ctx before each request, so the daemon
 * never truncates them silently (which would cut the task, the oldest
 * message after the system one). In order, each step only while still over:
 * 1. shorten old tool results, oldest first, to their head and tail;
 * 2. drop old steps whole (a model turn with its results), oldest first,
 *    leaving one line that names what was dropped;
 * 3. shorten the latest step's results.
 * Each change is a note. Changes are kept: callers replace their messages
 * with the result, so the prompt's head stays stable for the KV cache.
 */
export function fitContext(input: readonly ContextEntry[], limits: ContextLimits): FittedContext {
  const entries = [...input];
  const notes: string[] = [];
  const budgetTokens = promptBudget(limits);
  const cost = (e: ContextEntry): number => messageTokens(e.message, limits.charsPerToken);
  const total = (): number => entries.reduce((n, e) => n + cost(e), 0);
  const latest = entries.reduce((g, e) => Math.max(g, e.group), 0);
  const over = (): number => total() - budgetTokens;

  for (let i = 0; i < entries.length && over() > 0; i++) {
    const e = entries[i];
    if (!e || e.group === 0 || e.group === latest || e.message.role !== 'tool') continue;
    const shortened = shorten(e, SHORT_HEAD, SHORT_TAIL);
    if (!shortened) continue;
    entries[i] = shortened.entry;
    notes.push(`Shortened an older result (${e.label ?? e.message.tool_name ?? 'tool'}) from ${shortened.from.toLocaleString('en-US')} to ${shortened.to.toLocaleString('en-US')} characters to fit the context window.`);
  }

  const dropped: string[] = [];
  while (over() > 0) {
    const oldest = entries.find((e) => e.group !== 0 && e.group !== latest && !isSummary(e));
    if (!oldest) break;
    const group = oldest.group;
    const removed = entries.filter((e) => e.group === group);
    const labels = removed.filter((e) => e.message.role === 'tool').map((e) => e.label ?? e.message.tool_name ?? 'tool');
    dropped.push(...(labels.length > 0 ? labels : ['a reply']));
    notes.push(`Dropped an older step (${labels.join(', ') || 'a reply without tool calls'}) from the context window.`);
    for (const e of removed) entries.splice(entries.indexOf(e), 1);
  }
  if (dropped.length > 0) placeSummary(entries, dropped);

  for (let pass = 0; pass < 8 && over() > 0; pass++) {
    const largest = entries
      .map((e, i) => ({ e, i }))
      .filter(({ e }) => e.group === latest && e.message.role === 'tool' && e.message.content.length > MIN_KEEP * 2)
      .sort((a, b) => b.e.message.content.length - a.e.message.content.length)[0];
    if (!largest) break;
    const keep = Math.max(MIN_KEEP, largest.e.message.content.length - Math.ceil(over() * limits.charsPerToken) - 200);
    const shortened = shorten(largest.e, Math.ceil(keep * 0.7), Math.floor(keep * 0.3));
    if (!shortened) break;
    entries[largest.i] = shortened.entry;
    notes.push(`Shortened the latest result (${largest.e.label ?? 'tool'}) from ${shortened.from.toLocaleString('en-US')} to ${shortened.to.toLocaleString('en-US')} characters to fit the context window.`);
  }
  const promptTokens = total();
  return { entries, notes, promptTokens, budgetTokens, fits: promptTokens <= budgetTokens };
}

function shorten(entry: ContextEntry, head: number, tail: number): { entry: ContextEntry; from: number; to: number } | undefined {
  const text = entry.message.content;
  if (text.length <= head + tail + 120) return undefined;
  const cut = text.length - head - tail;
  const content = `${text.slice(0, head)}\n… [Hearth: ${cut.toLocaleString('en-US')} characters left out here to fit the context window; read again with a line range if you need them] …\n${text.slice(text.length - tail)}`;
  if (content.length >= text.length) return undefined;
  return { entry: { ...entry, message: { ...entry.message, content } }, from: text.length, to: content.length };
}

function isSummary(e: ContextEntry): boolean {
  return e.message.role === 'user' && e.message.content.startsWith(DROPPED_SUMMARY);
}

/** One short user message after the task naming every dropped step, so the model does not redo them blindly. */
function placeSummary(entries: ContextEntry[], dropped: readonly string[]): void {
  const existing = entries.findIndex(isSummary);
  const before = existing >= 0 ? (entries[existing]?.message.content.slice(DROPPED_SUMMARY.length).split(';').map((s) => s.trim()).filter((s) => s !== '') ?? []) : [];
  let list = [...before, ...dropped];
  while (list.join('; ').length > 600 && list.length > 1) list = list.slice(1);
  const entry: ContextEntry = { group: 0, message: { role: 'user', content: `${DROPPED_SUMMARY} ${list.join('; ')}` } };
  if (existing >= 0) entries[existing] = entry;
  else {
    const afterPinned = entries.findIndex((e) => e.group !== 0);
    entries.splice(afterPinned < 0 ? entries.length : afterPinned, 0, entry);
  }
}
