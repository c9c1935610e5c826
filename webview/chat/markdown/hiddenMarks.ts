import { codePointLabel, describeCodePoint, hasBidiFormatting, hasHiddenCharacters, hiddenCharacterPattern } from '../../../src/shared/hiddenCharacters';

/**
 * Text that shows one thing and means another is made visible, as VS Code's
 * editor does with editor.unicodeHighlight: in code, every invisible or
 * bidirectional control character is replaced on screen by a marker naming
 * it (its tooltip says which character it is); in prose, the embeddings,
 * overrides and isolates that would reorder the rest of a paragraph. Only the
 * display changes: Copy, Insert and Apply carry the code as the model wrote it
 * (and the host warns about such characters first).
 */
export type MarkScope = 'code' | 'prose';

const BIDI_FORMATTING = /[\u202A-\u202E\u2066-\u2069]/gu;

function marker(ch: string): HTMLElement {
  const codePoint = ch.codePointAt(0) ?? 0;
  const span = document.createElement('span');
  span.className = 'hidden-char';
  span.title = describeCodePoint(codePoint);
  span.setAttribute('role', 'img');
  span.setAttribute('aria-label', describeCodePoint(codePoint));
  span.textContent = codePointLabel(codePoint);
  return span;
}

function needsMarks(text: string, scope: MarkScope): boolean {
  return scope === 'code' ? hasHiddenCharacters(text) : hasBidiFormatting(text);
}

/** `text` as nodes to insert: one text node, or text and markers. */
export function markedNodes(text: string, scope: MarkScope): Node {
  if (!needsMarks(text, scope)) return document.createTextNode(text);
  const fragment = document.createDocumentFragment();
  const pattern = scope === 'code' ? hiddenCharacterPattern() : new RegExp(BIDI_FORMATTING.source, 'gu');
  let from = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match.index > from) fragment.append(text.slice(from, match.index));
    fragment.append(marker(match[0]));
    from = match.index + match[0].length;
  }
  if (from < text.length) fragment.append(text.slice(from));
  return fragment;
}

/** Replaces hidden characters in the text under `root` by markers (nothing under `skip`-matching elements is touched). */
export function markHiddenCharacters(root: Node, scope: MarkScope, skip?: string): void {
  const texts: Text[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node as Text;
    const parent = text.parentElement;
    if (parent?.closest('.hidden-char') || (skip && parent?.closest(skip))) continue;
    // Inline code spans in prose are code.
    const own = scope === 'prose' && parent?.closest('code') ? 'code' : scope;
    if (needsMarks(text.data, own)) texts.push(text);
  }
  for (const text of texts) {
    const own = scope === 'prose' && text.parentElement?.closest('code') ? 'code' : scope;
    text.replaceWith(markedNodes(text.data, own));
  }
}
