import type { Token, Tokens, TokensList } from 'marked';
import { LexerInput } from './lexerInput';
import { normalizeLabel, referencedLabels } from './linkLabels';
import type { LinkDefinitions, MarkdownBlock } from './markdownBlocks';
import { lexMarkdown, openFence, openFenceOf, plainBlock, renderToken } from './markdownBlocks';
import { stablePrefixLength } from './stablePrefix';

export interface MarkdownUpdate {
  /** Blocks that became settled, in order, after those settled before. */
  readonly settled: readonly MarkdownBlock[];
  /** Settled blocks rendered again because a link definition they name arrived. */
  readonly replaced: readonly { readonly index: number; readonly block: MarkdownBlock }[];
  /** The unsettled end, rendered afresh (the same object when a block did not change). */
  readonly tail: readonly MarkdownBlock[];
  /** Work is left (text not read yet, segments not lexed, blocks to render again): update again. */
  readonly more: boolean;
}

interface SettledBlock {
  block: MarkdownBlock;
  /** The link labels its source could use. */
  readonly labels: ReadonlySet<string>;
}

/**
 * Text handed to the guard per update: bounds the work of one update when a
 * whole reply arrives at once. The guard reads dense nesting at ~1 µs a
 * character the first time the page runs it (interpreted): 16,000 took
 * 9–19 ms of one task before its code was compiled; warm, 1 ms.
 */
const FEED_CHARS = 4_000;
/** Committed in one read past this, the text is lexed in the next update (see update()). */
const LONG_COMMIT = 4 * FEED_CHARS;
/** Time per update for rendering settled blocks again when link definitions arrive (at least one block is). */
const RERENDER_MS = 4;

/**
 * Markdown arriving in pieces, rendered in bounded steps: each update reads
 * at most FEED_CHARS of new text, lexes only the unsettled part of one segment
 * (see lexerInput.ts and stablePrefix.ts), renders newly settled blocks once
 * (reusing the tail's rendering when it did not change), and re-renders, for
 * a few milliseconds at most, earlier blocks that name a newly defined link
 * label (the rest in later updates). An
 * open code fence at the end is shown without lexing. The settled blocks plus
 * the last update's tail equal renderMarkdown() of the whole text.
 */
export class MarkdownStream {
  private source = '';
  private pendingCarriageReturn = false;
  /** Normalized text not given to the guard yet, oldest first (never one string sliced again and again). */
  private readonly unfed: string[] = [];
  private unfedChars = 0;
  private finished = false;
  private readonly input = new LexerInput();
  /** Guarded offset up to which blocks are settled. */
  private settledEnd = 0;
  private nextCut = 0;
  private nextFlattened = 0;
  private readonly links: LinkDefinitions = Object.create(null) as LinkDefinitions;
  private linkCount = 0;
  private readonly settled: SettledBlock[] = [];
  /** Settled blocks by the labels they may use. */
  private readonly byLabel = new Map<string, number[]>();
  private readonly rerender = new Set<number>();
  private previousTail = new BlocksByRaw();
  /** The unsettled end as last lexed. */
  private tail: readonly MarkdownBlock[] = [];
  /** The link definitions the previous tail was rendered with. */
  private previousLinks = '';

  /** The text so far, newlines normalized. */
  get text(): string {
    return this.source + (this.pendingCarriageReturn ? '\n' : '');
  }

  append(chunk: string): void {
    if (chunk.length === 0) return;
    let text = this.pendingCarriageReturn ? `\r${chunk}` : chunk;
    // A CR at the end may be the first half of a CRLF split across chunks.
    this.pendingCarriageReturn = text.endsWith('\r');
    if (this.pendingCarriageReturn) text = text.slice(0, -1);
    this.receive(text.replace(/\r\n?/g, '\n'));
  }

  private receive(text: string): void {
    if (text.length === 0) return;
    this.source += text;
    this.unfed.push(text);
    this.unfedChars += text.length;
  }

  /** Up to FEED_CHARS of the text not read yet. */
  private nextFeed(): string {
    let feed = '';
    while (this.unfed.length > 0 && feed.length < FEED_CHARS) {
      const chunk = this.unfed[0] as string;
      const take = FEED_CHARS - feed.length;
      if (chunk.length <= take) {
        feed += chunk;
        this.unfed.shift();
      } else {
        feed += chunk.slice(0, take);
        this.unfed[0] = chunk.slice(take);
      }
    }
    this.unfedChars -= feed.length;
    return feed;
  }

  /** One bounded step; `final` (the reply is complete) settles everything once all text is read. */
  update(final: boolean): MarkdownUpdate {
    if (final && this.pendingCarriageReturn) {
      this.pendingCarriageReturn = false;
      this.receive('\n');
    }
    const committedBefore = this.input.length;
    if (this.unfedChars > 0) this.input.append(this.nextFeed());
    if (final && !this.finished && this.unfedChars === 0) {
      this.input.finish();
      this.finished = true;
    }
    // A line of code gathered across many reads (a megabyte on one line) is committed whole when it ends: work enough for one step, so it is lexed in the next.
    if (this.input.length - committedBefore > LONG_COMMIT) return { settled: [], replaced: [], tail: this.tail, more: true };
    while ((this.input.cuts[this.nextCut] ?? Infinity) <= this.settledEnd) this.nextCut++;
    const cut = this.input.cuts[this.nextCut];
    const segmentFinal = cut !== undefined || this.finished;
    // Text still to read would change the unsettled end: it is lexed once read, not once per feed.
    if (!segmentFinal && this.unfedChars > 0) return { settled: [], replaced: this.rerenderSome(), tail: this.tail, more: true };
    const { settled, tail } = this.advance(cut, segmentFinal);
    this.tail = tail;
    const replaced = this.rerenderSome();
    const more = this.unfedChars > 0 || this.rerender.size > 0 || (segmentFinal && this.settledEnd < this.input.length) || (final && !this.finished);
    return { settled, replaced, tail, more };
  }

  private advance(cut: number | undefined, segmentFinal: boolean): { settled: MarkdownBlock[]; tail: MarkdownBlock[] } {
    const input = this.input;
    const fenceStart = input.openFenceStart;
    const fenceBody = input.openFenceBody;
    if (!segmentFinal && fenceStart === this.settledEnd && fenceBody !== undefined) {
      // The end is one open fence: its text is shown as it grows, nothing needs lexing.
      const opening = input.textBetween(fenceStart, fenceBody);
      const fence = openFenceOf(opening);
      if (fence?.kind === 'openFence') {
        const code = input.textBetween(fenceBody) + input.tail();
        return { settled: [], tail: [{ ...fence, raw: opening + code, code }] };
      }
    }
    const segmentEnd = cut ?? input.length;
    const src = segmentFinal ? input.textBetween(this.settledEnd, segmentEnd) : input.textBetween(this.settledEnd) + input.tail();
    let tokens: TokensList;
    try {
      tokens = lexMarkdown(src, this.links);
    } catch {
      // marked failed on this segment: it shows as text, and once complete it stays that way.
      const plain = plainBlock(src);
      if (segmentFinal) {
        this.settledEnd = segmentEnd;
        if (plain) this.settle(plain);
        return { settled: plain ? [plain] : [], tail: [] };
      }
      return { settled: [], tail: plain ? [plain] : [] };
    }
    const stableCount = segmentFinal ? tokens.length : stablePrefixLength(tokens, src);
    // A block renders differently once a definition it uses arrives or changes.
    const linkSignature = Object.keys(tokens.links).length > 0 ? JSON.stringify(tokens.links) : '';
    if (linkSignature !== this.previousLinks) this.previousTail.clear();
    this.previousLinks = linkSignature;
    const settledTokens = tokens.slice(0, stableCount);
    const tailTokens = tokens.slice(stableCount);

    const newLabels: string[] = [];
    for (const token of settledTokens) {
      if (token.type !== 'def') continue;
      const def = token as Tokens.Def;
      if (this.links[def.tag] !== undefined) continue;
      this.links[def.tag] = { href: def.href, title: def.title };
      this.linkCount++;
      newLabels.push(normalizeLabel(def.tag));
    }
    // The lexer also saw definitions still unsettled; settled blocks must not
    // depend on those, so they are lexed again without them.
    const sawUnsettledDefinition = Object.keys(tokens.links).length > this.linkCount;
    const settled: MarkdownBlock[] = [];
    for (const token of settledTokens) {
      const start = this.settledEnd;
      this.settledEnd += token.raw.length;
      const flattened = this.flattenedWithin(start, this.settledEnd);
      const block = sawUnsettledDefinition && token.raw.includes('[') ? this.renderAlone(token.raw, flattened) : this.reuseOrRender(token, flattened);
      if (!block) continue;
      settled.push(block);
      this.settle(block);
    }
    if (segmentFinal) this.settledEnd = segmentEnd;
    for (const label of newLabels) for (const index of this.byLabel.get(label) ?? []) if (index < this.settled.length - settled.length) this.rerender.add(index);

    const tail: MarkdownBlock[] = [];
    const nextTail = new BlocksByRaw();
    let offset = this.settledEnd;
    tailTokens.forEach((token, i) => {
      const start = offset;
      offset += token.raw.length;
      const block = (i === tailTokens.length - 1 ? openFence(token) : undefined) ?? this.reuseOrRender(token, this.flattenedIn(start, offset));
      if (!block) return;
      tail.push(block);
      nextTail.set(token.raw, block);
    });
    this.previousTail = nextTail;
    return { settled, tail };
  }

  private settle(block: MarkdownBlock): void {
    const index = this.settled.length;
    const labels = block.kind === 'html' && block.raw.includes('[') ? referencedLabels(block.raw) : new Set<string>();
    this.settled.push({ block, labels });
    for (const label of labels) {
      const list = this.byLabel.get(label);
      if (list) list.push(index);
      else this.byLabel.set(label, [index]);
    }
  }

  /** Renders again a bounded number of the settled blocks waiting for it (oldest first). */
  private rerenderSome(): { index: number; block: MarkdownBlock }[] {
    const replaced: { index: number; block: MarkdownBlock }[] = [];
    const started = performance.now();
    for (const index of this.rerender) {
      if (replaced.length > 0 && performance.now() - started >= RERENDER_MS) break;
      this.rerender.delete(index);
      const entry = this.settled[index];
      if (!entry || entry.block.kind !== 'html') continue;
      const block = this.renderAlone(entry.block.raw, entry.block.flattened);
      if (!block) continue;
      entry.block = block;
      replaced.push({ index, block });
    }
    return replaced;
  }

  /** Whether a line flattened by the guard starts in [start, end); moves past offsets before `start` for good (settled text only). */
  private flattenedWithin(start: number, end: number): boolean {
    const offsets = this.input.flattened;
    while ((offsets[this.nextFlattened] ?? Infinity) < start) this.nextFlattened++;
    return (offsets[this.nextFlattened] ?? Infinity) < end;
  }

  /** The same for unsettled text, without moving. */
  private flattenedIn(start: number, end: number): boolean {
    const offsets = this.input.flattened;
    for (let i = this.nextFlattened; i < offsets.length; i++) {
      const at = offsets[i] as number;
      if (at >= end) return false;
      if (at >= start) return true;
    }
    return false;
  }

  private reuseTail(raw: string): MarkdownBlock | undefined {
    const previous = this.previousTail.get(raw);
    return previous?.kind === 'html' ? previous : undefined;
  }

  /** A tail block settles as it was last drawn. */
  private reuseOrRender(token: Token, flattened: boolean): MarkdownBlock | undefined {
    const reused = this.reuseTail(token.raw);
    return reused?.kind === 'html' && reused.flattened === flattened ? reused : renderToken(token, flattened);
  }

  private renderAlone(raw: string, flattened: boolean): MarkdownBlock | undefined {
    try {
      const [first] = lexMarkdown(raw, this.links).filter((t) => t.type !== 'space');
      return first ? renderToken(first, flattened) : undefined;
    } catch {
      return plainBlock(raw);
    }
  }
}

/**
 * The tail's blocks by their text, found by length first. A Map keyed by the
 * text hashed every key it was given, a megabyte each time for an open fence
 * of that size (8.5 ms of a 1 MB reply's first frame in a CPU profile of
 * bench:chat's page); comparing a text only with those of its length is
 * nearly free.
 */
class BlocksByRaw {
  private readonly byLength = new Map<number, { readonly raw: string; readonly block: MarkdownBlock }[]>();

  get(raw: string): MarkdownBlock | undefined {
    return this.byLength.get(raw.length)?.find((entry) => entry.raw === raw)?.block;
  }

  set(raw: string, block: MarkdownBlock): void {
    const same = this.byLength.get(raw.length);
    if (same) same.push({ raw, block });
    else this.byLength.set(raw.length, [{ raw, block }]);
  }

  clear(): void {
    this.byLength.clear();
  }
}
