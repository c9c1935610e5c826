import type { Token, Tokens } from 'marked';

/**
 * How many leading tokens of `tokens` (lexed from `src`) no later text can
 * change, so they may be rendered once and kept. Markdown decides a block's
 * end by looking at what follows it, so a block is settled only once a
 * complete line of the next block has arrived and that line ends it for good:
 *  - a blank line ends most blocks; not a list or an indented code block,
 *    which continue past blank lines while the next line is indented (or, for
 *    a list, is another item);
 *  - a closed code fence is settled by its closing line;
 *  - without a blank line, only a fence, an ATX heading or a thematic break
 *    interrupts a block for certain (a `---` or `===` line, a table row or a
 *    lazy line could still join the block before it).
 * The count includes the blank lines after the last settled block, so the
 * rest lexes on its own exactly as it does inside the whole text.
 */
export function stablePrefixLength(tokens: readonly Token[], src: string): number {
  const starts: number[] = [];
  let offset = 0;
  for (const token of tokens) {
    starts.push(offset);
    offset += token.raw.length;
  }
  let stable = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.type === 'space') continue;
    let j = i + 1;
    while (j < tokens.length && (tokens[j] as Token).type === 'space') j++;
    const next = tokens[j];
    const nextStart = starts[j];
    if (next === undefined || nextStart === undefined) break;
    // The next block's first line must be whole: "# h" could still become "#h".
    if (src.indexOf('\n', nextStart) < 0) break;
    let gap = token.raw.slice(-1);
    for (let k = i + 1; k < j; k++) gap += (tokens[k] as Token).raw;
    if (!endsBefore(token, next, /\n[ \t]*\n/.test(gap))) break;
    stable = j;
  }
  return stable;
}

function isFence(token: Token): boolean {
  return token.type === 'code' && (token as Tokens.Code).codeBlockStyle !== 'indented';
}

function endsBefore(token: Token, next: Token, blankLineBetween: boolean): boolean {
  if (isFence(token)) return true;
  if (!blankLineBetween) return isFence(next) || next.type === 'hr' || (next.type === 'heading' && next.raw.trimStart().startsWith('#'));
  const continuesWhenIndented = token.type === 'list' || (token.type === 'code' && !isFence(token));
  if (!continuesWhenIndented) return true;
  return next.type !== 'list' && !/^\s/.test(next.raw);
}
