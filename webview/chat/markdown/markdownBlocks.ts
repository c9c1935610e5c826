import type { Token, Tokens, TokensList } from 'marked';
import { Lexer } from 'marked';
import type { CodeInfo } from './renderMarkdownBlock';
import { codeLanguage, renderMarkdownBlock } from './renderMarkdownBlock';

export type LinkDefinitions = TokensList['links'];

/** A top-level block of a reply, ready for the sanitizer (or, still open, a code fence). */
export type MarkdownBlock =
  | {
      readonly kind: 'html';
      /** The block's markdown source (as marked saw it: see lineGuard.ts). */
      readonly raw: string;
      readonly html: string;
      readonly codes: readonly CodeInfo[];
      /** Some of its lines were nested too deeply and are shown as text. */
      readonly flattened: boolean;
    }
  | {
      /** A block marked could not turn into HTML: shown as the text it is, with a note. */
      readonly kind: 'plain';
      readonly raw: string;
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

/** The source as one plain block: what is left when marked fails on it. */
export function plainBlock(raw: string): MarkdownBlock | undefined {
  return raw.trim() === '' ? undefined : { kind: 'plain', raw };
}

/**
 * A block as rendered; undefined for tokens that render to nothing (blank
 * lines, link definitions). A token marked's renderer throws on becomes a
 * plain block: one bad block never takes more than itself down.
 */
export function renderToken(token: Token, flattened = false): MarkdownBlock | undefined {
  if (token.type === 'space' || token.type === 'def') return undefined;
  try {
    const { html, codes } = renderMarkdownBlock([token]);
    if (html.length === 0) return undefined;
    return { kind: 'html', raw: token.raw, html, codes, flattened };
  } catch {
    return plainBlock(token.raw);
  }
}

/** The language and code of a fence still waiting for its closing line, if `raw` (a fence token's, or text starting with a fence) is one. */
export function openFenceOf(raw: string): MarkdownBlock | undefined {
  const opening = /^ {0,3}(`{3,}|~{3,})/.exec(raw)?.[1];
  if (!opening) return undefined;
  const firstBreak = raw.indexOf('\n');
  const body = raw.endsWith('\n') ? raw.slice(0, -1) : raw;
  const lastLine = body.slice(body.lastIndexOf('\n') + 1);
  const closing = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(lastLine)?.[1];
  const closed = firstBreak >= 0 && firstBreak < body.length && closing !== undefined && closing[0] === opening[0] && closing.length >= opening.length;
  if (closed) return undefined;
  const info = raw.slice(raw.indexOf(opening) + opening.length, firstBreak < 0 ? raw.length : firstBreak);
  // Shown as the lines after the opening one, as they arrive.
  return { kind: 'openFence', raw, language: codeLanguage(info), code: firstBreak < 0 ? '' : raw.slice(firstBreak + 1) };
}

/** A fence token still waiting for its closing line, if `token` is one. */
export function openFence(token: Token): MarkdownBlock | undefined {
  if (token.type !== 'code' || (token as Tokens.Code).codeBlockStyle === 'indented') return undefined;
  return openFenceOf(token.raw);
}
