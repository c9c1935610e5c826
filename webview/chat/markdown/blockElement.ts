import { iconButton } from '../icon';
import { appendCode, clearCode, fillCode } from './codeText';
import { hasBidiFormatting, hasHiddenCharacters } from '../../../src/shared/hiddenCharacters';
import { markedNodes, markHiddenCharacters } from './hiddenMarks';
import type { MarkdownBlock } from './markdownBlocks';
import type { CodeInfo } from './renderMarkdownBlock';
import { sanitizeBlocks } from './sanitizeHtml';

/** The code behind each code block element, for its buttons (kept out of the DOM: it can be large). */
export const codeOfBlock = new WeakMap<Element, CodeInfo>();

const CODE_BUTTONS = [
  ['copy', 'copy', 'Copy'],
  ['insert', 'insert', 'Insert at cursor'],
  ['apply', 'git-compare', 'Apply to the active file'],
  ['saveAs', 'new-file', 'Save as new file'],
] as const;

function note(text: string): HTMLElement {
  const p = document.createElement('p');
  p.className = 'md-note';
  p.setAttribute('role', 'note');
  p.textContent = text;
  return p;
}

/** A block shown as the text it is, with why: what a block that cannot be formatted becomes. */
export function plainElement(raw: string, why = 'This part could not be formatted; it is shown as plain text.'): HTMLElement {
  const element = document.createElement('div');
  element.className = 'md-block md-plain';
  const pre = document.createElement('pre');
  pre.className = 'md-plain-text';
  pre.append(markedNodes(raw.replace(/\n+$/, ''), 'code'));
  element.append(pre, note(why));
  return element;
}

/** Any block as an element; one that fails to draw is shown as plain text instead of taking the reply down. */
export function elementOf(block: MarkdownBlock): HTMLElement {
  return elementsOf([block])[0] as HTMLElement;
}

/** Blocks as elements, their HTML sanitized in one pass; each that fails to draw is shown as plain text. */
export function elementsOf(blocks: readonly MarkdownBlock[]): HTMLElement[] {
  const html = blocks.filter((b): b is Extract<MarkdownBlock, { kind: 'html' }> => b.kind === 'html');
  let fragments: DocumentFragment[] = [];
  try {
    fragments = sanitizeBlocks(html.map((b) => b.html));
  } catch {
    // Each block then fails on its own below, and is shown plain.
  }
  let next = 0;
  return blocks.map((block) => {
    try {
      switch (block.kind) {
        case 'html': {
          const fragment = fragments[next++];
          if (!fragment) return plainElement(block.raw);
          return htmlBlockElement(block, fragment);
        }
        case 'plain':
          return plainElement(block.raw);
        case 'openFence': {
          const element = openFenceElement(block.language);
          setOpenFenceText(element, block.code);
          return element;
        }
        default: {
          const unreachable: never = block;
          return unreachable;
        }
      }
    } catch {
      return plainElement(block.raw);
    }
  });
}

/** One settled (or tail) block: sanitized, code blocks with their actions, wide tables scrollable. */
function htmlBlockElement(block: Extract<MarkdownBlock, { kind: 'html' }>, fragment: DocumentFragment): HTMLElement {
  const element = document.createElement('div');
  element.className = 'md-block';
  // Most blocks have nothing to mark: one look at their text spares the walk over their nodes.
  if (hasBidiFormatting(fragment.textContent ?? '') || (block.html.includes('<code') && hasHiddenCharacters(fragment.textContent ?? ''))) markHiddenCharacters(fragment, 'prose', 'pre');
  element.append(fragment);
  if (/^H[1-6]$/.test(element.firstElementChild?.tagName ?? '')) element.classList.add('md-heading');
  if (block.codes.length > 0 || block.html.includes('<pre')) {
    const pres = element.querySelectorAll('pre');
    // Each <pre> is one code token, in order; if not, the block's text is shown rather than code lost.
    if (pres.length !== block.codes.length) return plainElement(block.raw);
    pres.forEach((pre, i) => decorateCode(pre, block.codes[i] as CodeInfo));
  }
  if (block.html.includes('<table')) {
    for (const table of element.querySelectorAll('table')) {
      const scroll = document.createElement('div');
      scroll.className = 'table-scroll';
      table.replaceWith(scroll);
      scroll.append(table);
    }
  }
  if (block.flattened) element.append(note('Nested too deeply to format: the deeper levels are shown as text.'));
  return element;
}

function codeFrame(language: string): { frame: HTMLElement; head: HTMLElement } {
  const frame = document.createElement('div');
  frame.className = 'code-block';
  frame.setAttribute('role', 'group');
  frame.setAttribute('aria-label', `Code block${language ? `, ${language}` : ''}`);
  const head = document.createElement('div');
  head.className = 'code-head';
  const label = document.createElement('span');
  label.className = 'code-language';
  label.textContent = language || 'text';
  head.append(label);
  frame.append(head);
  return { frame, head };
}

function decorateCode(pre: HTMLPreElement, info: CodeInfo): void {
  const { frame, head } = codeFrame(info.language);
  const toolbar = document.createElement('div');
  toolbar.className = 'code-actions';
  // An empty block has nothing to copy, insert or apply: its buttons say so rather than do nothing.
  const empty = info.code.trim() === '';
  for (const [action, name, label] of CODE_BUTTONS) {
    const button = iconButton(name, empty ? `${label} (the block is empty)` : label, { 'data-code-action': action });
    button.disabled = empty;
    toolbar.append(button);
  }
  head.append(toolbar);
  const code = pre.querySelector('code') ?? pre.appendChild(document.createElement('code'));
  fillCode(code, info.code);
  pre.tabIndex = 0;
  pre.replaceWith(frame);
  frame.append(pre);
  codeOfBlock.set(frame, info);
}

/** The text an open fence shows now, by element (its DOM holds markers, not the text). */
const shownCode = new WeakMap<Element, string>();

/** A fence still being written: its text grows in place; highlighting and buttons come when it closes. */
export function openFenceElement(language: string): HTMLElement {
  const element = document.createElement('div');
  element.className = 'md-block';
  element.dataset.language = language;
  const { frame, head } = codeFrame(language);
  frame.classList.add('code-open');
  // No spinner: an animation would repaint every frame for as long as the code streams.
  const writing = document.createElement('span');
  writing.className = 'code-writing';
  writing.textContent = 'writing…';
  head.append(writing);
  const pre = document.createElement('pre');
  const code = document.createElement('code');
  code.className = 'hljs';
  pre.append(code);
  frame.append(pre);
  element.append(frame);
  return element;
}

/** Shows `text` in an open fence, appending only what is new. */
export function setOpenFenceText(element: HTMLElement, text: string): void {
  const code = element.querySelector('code');
  if (!code) return;
  // A character split across deltas waits for its second half (or it could not be recognized).
  const last = text.charCodeAt(text.length - 1);
  const complete = last >= 0xd800 && last <= 0xdbff ? text.slice(0, -1) : text;
  const shown = shownCode.get(element) ?? '';
  if (!complete.startsWith(shown)) clearCode(code);
  appendCode(code, complete.startsWith(shown) ? complete.slice(shown.length) : complete);
  shownCode.set(element, complete);
}
