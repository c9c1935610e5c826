import { el } from '../dom';

/**
 * Host text with Markdown inline code ("`qwen2.5-coder:7b` is not installed")
 * as text nodes and <code> elements. Nothing is parsed as HTML.
 */
export function inlineCode(text: string): (Node | string)[] {
  return text.split('`').map((part, i) => (i % 2 === 1 ? el('code', {}, part) : part));
}
