import type { Token, Tokens } from 'marked';
import type { LinkDefinitions, MarkdownBlock } from './markdownBlocks';
import { lexMarkdown, openFence, renderToken } from './markdownBlocks';
import { stablePrefixLength } from './stablePrefix';

export interface MarkdownUpdate {
  /** Blocks that became settled, in order, after those settled before. */
  readonly settled: readonly MarkdownBlock[];
  /** Settled blocks rendered again because a link definition they may use arrived. */
  readonly replaced: readonly { readonly index: number; readonly block: MarkdownBlock }[];
  /** The unsettled end, rendered afresh (the same object when a block did not change). */
  readonly tail: readonly MarkdownBlock[];
}

interface SettledBlock {
  block: MarkdownBlock;
  /** How many link definitions were known when it was rendered. */
  linkCount: number;
}

/**
 * Markdown arriving in pieces, rendered in time linear in its length: each
 * update lexes only the text after the last settled block (see
 * stablePrefixLength), renders newly settled blocks once (reusing the tail's
 * rendering when it did not change) and re-renders only the unsettled tail. The settled blocks plus
 * the final update's tail equal renderMarkdown() of the whole text.
 */
export class MarkdownStream {
  private source = '';
  private pendingCarriageReturn = false;
  private settledEnd = 0;
  private readonly links: LinkDefinitions = Object.create(null) as LinkDefinitions;
  private linkCount = 0;
  private readonly settled: SettledBlock[] = [];
  private previousTail = new Map<string, MarkdownBlock>();
  /** The link definitions the previous tail was rendered with. */
  private previousLinks = '';

  /** The text so far, newlines normalized. */
  get text(): string {
    return this.source + (this.pendingCarriageReturn ? '\n' : '');
  }

  get settledBlocks(): readonly MarkdownBlock[] {
    return this.settled.map((s) => s.block);
  }

  append(chunk: string): void {
    if (chunk.length === 0) return;
    let text = this.pendingCarriageReturn ? `\r${chunk}` : chunk;
    // A CR at the end may be the first half of a CRLF split across chunks.
    this.pendingCarriageReturn = text.endsWith('\r');
    if (this.pendingCarriageReturn) text = text.slice(0, -1);
    this.source += text.replace(/\r\n?/g, '\n');
  }

  /** Lexes the tail; `final` settles everything (the reply is complete). */
  update(final: boolean): MarkdownUpdate {
    if (final && this.pendingCarriageReturn) {
      this.source += '\n';
      this.pendingCarriageReturn = false;
    }
    const tailSource = this.source.slice(this.settledEnd);
    const tokens = lexMarkdown(tailSource, this.links);
    const stableCount = final ? tokens.length : stablePrefixLength(tokens, tailSource);
    // A block renders differently once a definition it uses arrives or changes.
    const linkSignature = Object.keys(tokens.links).length > 0 ? JSON.stringify(tokens.links) : '';
    if (linkSignature !== this.previousLinks) this.previousTail.clear();
    this.previousLinks = linkSignature;
    const settledTokens = tokens.slice(0, stableCount);
    const tailTokens = tokens.slice(stableCount);

    const linksBefore = this.linkCount;
    for (const token of settledTokens) {
      if (token.type !== 'def') continue;
      const def = token as Tokens.Def;
      if (this.links[def.tag] !== undefined) continue;
      this.links[def.tag] = { href: def.href, title: def.title };
      this.linkCount++;
    }
    // The tail's lexer also saw definitions still unsettled; settled blocks
    // must not depend on those, so they are lexed again without them.
    const sawUnsettledDefinition = Object.keys(tokens.links).length > this.linkCount;

    const settled: MarkdownBlock[] = [];
    for (const token of settledTokens) {
      this.settledEnd += token.raw.length;
      const block = sawUnsettledDefinition && token.raw.includes('[') ? this.renderAlone(token.raw) : this.reuseOrRender(token);
      if (!block) continue;
      settled.push(block);
      this.settled.push({ block, linkCount: this.linkCount });
    }

    const replaced: { index: number; block: MarkdownBlock }[] = [];
    if (this.linkCount > linksBefore) {
      const firstNew = this.settled.length - settled.length;
      for (let index = 0; index < firstNew; index++) {
        const entry = this.settled[index] as SettledBlock;
        if (entry.linkCount === this.linkCount || !entry.block.raw.includes('[')) continue;
        const block = this.renderAlone(entry.block.raw);
        entry.linkCount = this.linkCount;
        if (block) {
          entry.block = block;
          replaced.push({ index, block });
        }
      }
    }

    const tail: MarkdownBlock[] = [];
    const nextTail = new Map<string, MarkdownBlock>();
    tailTokens.forEach((token, i) => {
      const block = (i === tailTokens.length - 1 ? openFence(token) : undefined) ?? this.reuseTail(token.raw) ?? renderToken(token);
      if (!block) return;
      tail.push(block);
      nextTail.set(token.raw, block);
    });
    this.previousTail = nextTail;
    return { settled, replaced, tail };
  }

  private reuseTail(raw: string): MarkdownBlock | undefined {
    const previous = this.previousTail.get(raw);
    return previous?.kind === 'html' ? previous : undefined;
  }

  /** A tail block settles as it was last drawn. */
  private reuseOrRender(token: Token): MarkdownBlock | undefined {
    return this.reuseTail(token.raw) ?? renderToken(token);
  }

  private renderAlone(raw: string): MarkdownBlock | undefined {
    const tokens = lexMarkdown(raw, this.links);
    const [first] = tokens.filter((t) => t.type !== 'space');
    return first ? renderToken(first) : undefined;
  }
}
