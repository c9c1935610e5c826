import type { ChatMessage } from '../engine/engineTypes';
import type { Attachment, StoredTurn } from './conversation';

/** What every chat request starts with, before the repository's instructions. */
export const HEARTH_SYSTEM_PROMPT = [
  'You are Hearth, a coding assistant running locally in the user\'s editor.',
  'Answer concisely in Markdown. Put code in fenced code blocks with a language tag.',
  'When you change code the user attached, give the whole changed function or file so it can be applied.',
  'Repository instructions may follow; the user\'s own messages override them.',
].join(' ');

/** Chat templates add a few tokens per message (role markers, separators). */
const MESSAGE_OVERHEAD_TOKENS = 4;
const MIN_ATTACHMENT_CHARS = 200;

export interface ChatPromptInputs {
  readonly system: string;
  /** The AGENTS.md chain for the active file ('' when none applies). */
  readonly instructions: string;
  /** Earlier turns, oldest first; the new question is not among them. */
  readonly history: readonly StoredTurn[];
  readonly question: { readonly text: string; readonly attachments: readonly Attachment[] };
  /** num_ctx, capped by the model's own context length. */
  readonly contextTokens: number;
  readonly charsPerToken: number;
}

export interface ChatPrompt {
  readonly messages: ChatMessage[];
  readonly promptTokens: number;
  readonly reservedTokens: number;
  /** Earlier turns left out because the conversation outgrew the window. */
  readonly droppedTurns: number;
  readonly instructionsTrimmed: boolean;
  readonly attachmentsTrimmed: boolean;
  /** Labels of the attachments cut to fit (empty when attachmentsTrimmed is false). */
  readonly trimmedAttachments: readonly string[];
  /** The question alone does not fit: sending it would be truncated by the daemon. */
  readonly tooLong: boolean;
}

/** Room kept for the answer: a quarter of the window, within sensible bounds. */
export function reservedTokensFor(contextTokens: number): number {
  return Math.max(256, Math.min(4096, Math.round(contextTokens / 4)));
}

/**
 * Builds the messages of one chat request within the context window, so the
 * daemon never truncates silently: system text and instructions, then as many
 * of the most recent turns as fit (whole exchanges, dropping the oldest
 * first), then the question with its attachments. What had to give is
 * reported, for the notice the view shows.
 */
export function assembleChatPrompt(inputs: ChatPromptInputs): ChatPrompt {
  const tokens = (text: string): number => Math.ceil(text.length / inputs.charsPerToken) + MESSAGE_OVERHEAD_TOKENS;
  const reservedTokens = reservedTokensFor(inputs.contextTokens);
  const budget = inputs.contextTokens - reservedTokens;

  let attachments = inputs.question.attachments;
  let question = renderQuestion(inputs.question.text, attachments);
  let instructions = inputs.instructions;
  const systemWith = (text: string): string => (text === '' ? inputs.system : `${inputs.system}\n\n${text}`);
  let instructionsTrimmed = false;

  // Attachments give way first: the question and the repository's rules matter more than extra lines of code.
  const overflow = (): number => tokens(systemWith(instructions)) + tokens(question) - budget;
  // Again while it helps: a cut attachment's header grows by its "truncated" mark.
  for (let pass = 0; pass < 3 && overflow() > 0 && attachments.length > 0; pass++) {
    const shrunk = shrinkAttachments(attachments, overflow() * inputs.charsPerToken);
    if (shrunk.every((a, i) => a.text.length === attachments[i]?.text.length)) break;
    attachments = shrunk;
    question = renderQuestion(inputs.question.text, attachments);
  }
  const original = inputs.question.attachments;
  const trimmedAttachments = attachments.filter((a, i) => a.text.length < (original[i]?.text.length ?? 0)).map((a) => a.chip.label);
  if (overflow() > 0 && instructions !== '') {
    // Keep the end: the nearest AGENTS.md comes last and is the most specific.
    const keepChars = Math.max(0, instructions.length - Math.ceil(overflow() * inputs.charsPerToken));
    instructions = keepChars === 0 ? '' : instructions.slice(instructions.length - keepChars);
    instructionsTrimmed = true;
  }
  const system = systemWith(instructions);
  const fixed = tokens(system) + tokens(question);
  const tooLong = fixed > budget;

  const exchanges = toExchanges(inputs.history);
  const kept: ChatMessage[][] = [];
  let used = fixed;
  let keptTurns = 0;
  for (let i = exchanges.length - 1; i >= 0 && !tooLong; i--) {
    const exchange = exchanges[i] ?? [];
    const cost = exchange.reduce((n, m) => n + tokens(m.content), 0);
    if (used + cost > budget) break;
    used += cost;
    keptTurns += exchange.length;
    kept.unshift(exchange);
  }
  const sendable = exchanges.reduce((n, e) => n + e.length, 0);
  return {
    messages: [{ role: 'system', content: system }, ...kept.flat(), { role: 'user', content: question }],
    promptTokens: used,
    reservedTokens,
    droppedTurns: sendable - keptTurns,
    instructionsTrimmed,
    attachmentsTrimmed: trimmedAttachments.length > 0,
    trimmedAttachments,
    tooLong,
  };
}

/** The question as the model reads it: attachments first, each in a fence its text cannot close. */
export function renderQuestion(text: string, attachments: readonly Attachment[]): string {
  if (attachments.length === 0) return text;
  const blocks = attachments.map((a) => {
    const fence = fenceFor(a.text);
    const what = a.chip.kind === 'selection' ? 'selected' : a.chip.kind === 'visible' ? 'visible part' : 'file';
    return `${a.chip.label} (${what}${a.chip.truncated ? ', truncated' : ''}):\n${fence}${a.languageId}\n${a.text}\n${fence}`;
  });
  return `${blocks.join('\n\n')}\n\n${text}`;
}

function fenceFor(text: string): string {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return '`'.repeat(Math.max(3, longest + 1));
}

/** Cuts `excessChars` from the attachments, largest first, keeping each one's head. */
function shrinkAttachments(attachments: readonly Attachment[], excessChars: number): Attachment[] {
  const out = attachments.map((a) => ({ ...a }));
  let excess = Math.ceil(excessChars);
  while (excess > 0) {
    const largest = out.reduce<Attachment | undefined>((best, a) => (a.text.length > (best?.text.length ?? MIN_ATTACHMENT_CHARS) ? a : best), undefined);
    if (!largest) break;
    const index = out.indexOf(largest);
    const cut = Math.min(excess, largest.text.length - MIN_ATTACHMENT_CHARS);
    const text = largest.text.slice(0, largest.text.length - cut);
    out[index] = { ...largest, text, chip: { ...largest.chip, truncated: true } };
    excess -= cut;
  }
  return out;
}

/**
 * Earlier turns grouped as exchanges (a question and what answered it), so a
 * trimmed history never starts with an answer to a question it left out.
 * Answers with no text (an error before the first token) are not sent.
 */
function toExchanges(history: readonly StoredTurn[]): ChatMessage[][] {
  const exchanges: ChatMessage[][] = [];
  for (const turn of history) {
    if (turn.role === 'user') {
      exchanges.push([{ role: 'user', content: renderQuestion(turn.text, turn.attachments) }]);
      continue;
    }
    if (turn.text.trim() === '') continue;
    const message: ChatMessage = { role: 'assistant', content: turn.text };
    const last = exchanges[exchanges.length - 1];
    if (last) last.push(message);
    else exchanges.push([message]);
  }
  return exchanges;
}
