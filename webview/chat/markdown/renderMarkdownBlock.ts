import type { Token, Tokens } from 'marked';
import { Parser, Renderer } from 'marked';

/** A code block of a reply: exactly the text the model wrote between the fences. */
export interface CodeInfo {
  readonly code: string;
  /** The info string's first word when it is a plain language id ('' otherwise). */
  readonly language: string;
}

/** One top-level markdown block as HTML, not yet sanitized. */
export interface RenderedHtml {
  readonly html: string;
  /** The block's code blocks in document order (nested ones in lists included). */
  readonly codes: readonly CodeInfo[];
}

/** Matches what the host's protocol validation accepts as a language. */
const LANGUAGE_ID = /^[\w+#.-]{1,64}$/;

export function codeLanguage(info: string | undefined): string {
  const word = (info ?? '').trim().split(/\s+/, 1)[0] ?? '';
  return LANGUAGE_ID.test(word) ? word : '';
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * marked's HTML renderer with the chat's rules. Raw HTML from the model is
 * shown as text, never parsed: a coding answer mentioning `<div>` means the
 * text, and nothing of it can reach the page as markup. Images become links
 * (the page loads nothing); task-list checkboxes become characters.
 */
class ChatRenderer extends Renderer {
  readonly codes: CodeInfo[] = [];

  override code(token: Tokens.Code): string {
    const language = codeLanguage(token.lang);
    // marked leaves the last newline of an indented block in text.
    const code = token.codeBlockStyle === 'indented' ? token.text.replace(/\n+$/, '') : token.text;
    this.codes.push({ code, language });
    // The code goes into the element as text (blockElement.ts), never through
    // HTML: no escaping or sanitizing of what can be a megabyte, and the hidden
    // characters in it get their markers there.
    const languageClass = language ? ` language-${language}` : '';
    return `<pre><code class="hljs${languageClass}"></code></pre>\n`;
  }

  override html(token: Tokens.HTML | Tokens.Tag): string {
    const text = escapeHtml(token.text.replace(/\n+$/, ''));
    return token.block ? `<p class="md-raw">${text}</p>\n` : text;
  }

  override image(token: Tokens.Image): string {
    // The tooltip is the address (sanitizeHtml.ts), never the model's title.
    return `<a class="md-image" href="${escapeHtml(token.href)}">${escapeHtml(token.text || 'image')}</a>`;
  }

  override checkbox(token: Tokens.Checkbox): string {
    return token.checked ? '☑ ' : '☐ ';
  }
}

/** HTML of top-level tokens. */
export function renderMarkdownBlock(tokens: Token[]): RenderedHtml {
  const renderer = new ChatRenderer();
  const html = new Parser({ gfm: true, renderer }).parse(tokens);
  return { html, codes: renderer.codes };
}
