import { iconButton } from '../icon';
import type { MarkdownBlock } from './markdownBlocks';
import type { CodeInfo } from './renderMarkdownBlock';
import { sanitizeHtml } from './sanitizeHtml';

/** The code behind each code block element, for its buttons (kept out of the DOM: it can be large). */
export const codeOfBlock = new WeakMap<Element, CodeInfo>();

type HtmlBlock = Extract<MarkdownBlock, { kind: 'html' }>;

const CODE_BUTTONS = [
  ['copy', 'copy', 'Copy'],
  ['insert', 'insert', 'Insert at cursor'],
  ['apply', 'git-compare', 'Apply to the active file'],
  ['saveAs', 'new-file', 'Save as new file'],
] as const;

/** One settled (or tail) block: sanitized, code blocks with their actions, wide tables scrollable. */
export function blockElement(block: HtmlBlock): HTMLElement {
  const element = document.createElement('div');
  element.className = 'md-block';
  element.append(sanitizeHtml(block.html));
  if (/^H[1-6]$/.test(element.firstElementChild?.tagName ?? '')) element.classList.add('md-heading');
  const pres = element.querySelectorAll('pre');
  // Each <pre> is one code token, in order; if not, no buttons rather than wrong ones.
  if (pres.length === block.codes.length) pres.forEach((pre, i) => decorateCode(pre, block.codes[i] as CodeInfo));
  for (const table of element.querySelectorAll('table')) {
    const scroll = document.createElement('div');
    scroll.className = 'table-scroll';
    table.replaceWith(scroll);
    scroll.append(table);
  }
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
  for (const [action, name, label] of CODE_BUTTONS) toolbar.append(iconButton(name, label, { 'data-code-action': action }));
  head.append(toolbar);
  pre.tabIndex = 0;
  pre.replaceWith(frame);
  frame.append(pre);
  codeOfBlock.set(frame, info);
}

/** A fence still being written: its text grows in place; highlighting and buttons come when it closes. */
export function openFenceElement(language: string): HTMLElement {
  const element = document.createElement('div');
  element.className = 'md-block';
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
  code.append(document.createTextNode(''));
  pre.append(code);
  frame.append(pre);
  element.append(frame);
  return element;
}

export function setOpenFenceText(element: HTMLElement, text: string): void {
  const node = element.querySelector('code')?.firstChild;
  if (!(node instanceof Text)) return;
  const current = node.data;
  if (text.startsWith(current)) node.appendData(text.slice(current.length));
  else node.data = text;
}
