import type { Token, Tokens, TokensList } from 'marked';
import { Lexer } from 'marked';
import type { CodeInfo } from './renderMarkdownBlock';
import { codeLanguage, renderMarkdownBlock } from './renderMarkdownBlock';

export type LinkDefinitions = TokensList['links'];

/** A top-level block of a reply, ready for the sanitizer (or, still open, a code fence). */
export type MarkdownBlock =
  | {
      readonly kind: 'html';
      /** The block's markdown source. */
      readonly raw: string;
      readonly html: string;
      readonly codes: readonly CodeInfo[];
    }
  | {
      /** A code fence whose closing line has not arrived: shown as plain text that grows. */
      readonly kind: 'openFence';
      readonly raw: string;
      readonly language: string;
      readonly code: string;
    };

/** CRLF and lone CR become LF, as marked does before lexing: offsets then agree with token raws. */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

export function lexMarkdown(src: string, links: LinkDefinitions): TokensList {
  const lexer = new Lexer({ gfm: true });
  Object.assign(lexer.tokens.links, links);
  return lexer.lex(src);
}

/** A block as rendered; undefined for tokens that render to nothing (blank lines, link definitions). */
export function renderToken(token: Token): MarkdownBlock | undefined {
  if (token.type === 'space' || token.type === 'def') return undefined;
  const { html, codes } = renderMarkdownBlock([token]);
  if (html.length === 0) return undefined;
  return { kind: 'html', raw: token.raw, html, codes };
}

/** A fence still waiting for its closing line, if `token` is one. */
export function openFence(token: Token): MarkdownBlock | undefined {
  if (token.type !== 'code') return undefined;
  const code = token as Tokens.Code;
  if (code.codeBlockStyle === 'indented') return undefined;
  const opening = /^ {0,3}(`{3,}|~{3,})/.exec(code.raw)?.[1];
  if (!opening) return undefined;
  const lines = code.raw.replace(/\n$/, '').split('\n');
  const last = lines[lines.length - 1] ?? '';
  const closing = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(last)?.[1];
  const closed = lines.length > 1 && closing !== undefined && closing[0] === opening[0] && closing.length >= opening.length;
  // Shown as the lines after the opening one, as they arrive.
  return closed ? undefined : { kind: 'openFence', raw: code.raw, language: codeLanguage(code.lang), code: code.raw.slice(code.raw.indexOf('\n') + 1 || code.raw.length) };
}

/**
 * The reference rendering of a whole reply: every top-level block rendered
 * once. The streaming renderer must end with exactly these blocks.
 */
export function renderMarkdown(text: string): MarkdownBlock[] {
  const blocks: MarkdownBlock[] = [];
  for (const token of lexMarkdown(normalizeNewlines(text), Object.create(null) as LinkDefinitions)) {
    const block = renderToken(token);
    if (block) blocks.push(block);
  }
  return blocks;
}
