import type { TokensList } from 'marked';
import { LexerInput } from './lexerInput';
import type { LinkDefinitions, MarkdownBlock } from './markdownBlocks';
import { lexMarkdown, normalizeNewlines, plainBlock, renderToken } from './markdownBlocks';

function lexOrUndefined(src: string, links: LinkDefinitions): TokensList | undefined {
  try {
    return lexMarkdown(src, links);
  } catch {
    return undefined;
  }
}

/**
 * The reference rendering of a whole reply: each segment (lexerInput.ts)
 * lexed once with every link definition of the reply, each top-level block
 * rendered once. The streaming renderer must end with exactly these blocks,
 * however the text arrived.
 */
export function renderMarkdown(text: string): MarkdownBlock[] {
  const input = new LexerInput();
  input.append(normalizeNewlines(text));
  input.finish();
  const bounds = [0, ...input.cuts, input.length];
  const links = Object.create(null) as LinkDefinitions;
  // Definitions first, in document order (the first one of a label wins), as one lexer of the whole would have them.
  for (let i = 0; i + 1 < bounds.length; i++) {
    const tokens = lexOrUndefined(input.textBetween(bounds[i] as number, bounds[i + 1]), Object.create(null) as LinkDefinitions);
    for (const [tag, link] of Object.entries(tokens?.links ?? {})) if (links[tag] === undefined) links[tag] = link;
  }
  const blocks: MarkdownBlock[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const start = bounds[i] as number;
    const src = input.textBetween(start, bounds[i + 1]);
    const tokens = lexOrUndefined(src, links);
    if (!tokens) {
      const plain = plainBlock(src);
      if (plain) blocks.push(plain);
      continue;
    }
    let offset = start;
    for (const token of tokens) {
      const end = offset + token.raw.length;
      const block = renderToken(token, input.flattened.some((at) => at >= offset && at < end));
      if (block) blocks.push(block);
      offset = end;
    }
  }
  return blocks;
}
