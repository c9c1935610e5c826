import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import dockerfile from 'highlight.js/lib/languages/dockerfile';
import go from 'highlight.js/lib/languages/go';
import ini from 'highlight.js/lib/languages/ini';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import plaintext from 'highlight.js/lib/languages/plaintext';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

// The core plus an explicit set of the languages a coding chat meets most:
// the full highlight.js build is ~10x larger, and auto-detection is both slow
// and wrong on short snippets, so an unlabelled block stays plain.
const LANGUAGES = { bash, c, cpp, csharp, css, diff, dockerfile, go, ini, java, javascript, json, markdown, plaintext, python, rust, shell, sql, typescript, xml, yaml };
for (const [name, definition] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, definition);

export function canHighlight(language: string): boolean {
  return language.length > 0 && hljs.getLanguage(language) !== undefined;
}

/** One mode open at the end of a slice, and the text that opened it. */
interface OpenMode {
  readonly scope: string;
  readonly lexeme: string;
}

/**
 * How a slice left the grammar: back at its top level, inside modes the next
 * slice can re-enter by starting with their opening text (a comment, a string,
 * a template literal), or inside something it cannot resume.
 */
export type SliceEnd = { readonly kind: 'top' } | { readonly kind: 'inside'; readonly open: readonly OpenMode[] } | { readonly kind: 'stuck' };

/** highlight.js's token tree: text, and scopes ("keyword", "title.function", "language:xml") around text. */
export type HighlightNode = string | { readonly scope?: string; readonly children: readonly HighlightNode[] };

export interface HighlightedSlice {
  /** The slice's text alone, as highlight.js's tokens (built into the page as elements and text, never as HTML). */
  readonly nodes: readonly HighlightNode[];
  readonly end: SliceEnd;
}

interface CompiledMode {
  readonly parent?: CompiledMode;
  readonly scope?: string | Record<number, string>;
  readonly className?: string;
  readonly beginRe?: RegExp;
  readonly excludeBegin?: boolean;
  readonly subLanguage?: unknown;
}

interface TreeNode {
  readonly scope?: string;
  readonly children: (string | TreeNode)[];
}

/** highlight.js's classes for a scope ("title.function" is "hljs-title function_", "language:xml" is "language-xml"). */
export function scopeClass(scope: string): string {
  if (scope.startsWith('language:')) return `language-${scope.slice('language:'.length)}`;
  const [head, ...rest] = scope.split('.');
  return [`hljs-${head ?? ''}`, ...rest.map((part, i) => `${part}${'_'.repeat(i + 1)}`)].join(' ');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' })[c] ?? c);
}

/** The tokens as highlight.js would write them in HTML (for tests and comparisons; the page builds elements). */
export function sliceHtml(nodes: readonly HighlightNode[]): string {
  return nodes.map((node) => (typeof node === 'string' ? escapeHtml(node) : node.scope ? `<span class="${scopeClass(node.scope)}">${sliceHtml(node.children)}</span>` : sliceHtml(node.children))).join('');
}

function rootOf(result: ReturnType<typeof hljs.highlight>): TreeNode | undefined {
  return (result._emitter as unknown as { rootNode?: TreeNode }).rootNode;
}

/**
 * The modes open at the end of a result and their opening text, read from
 * the result's mode stack and token tree (highlight.js keeps no public way to
 * resume, so this reads two of its result's fields and checks what it finds).
 */
function openModes(result: ReturnType<typeof hljs.highlight>): SliceEnd {
  const stack: CompiledMode[] = [];
  for (let mode = result._top as CompiledMode | undefined; mode?.parent; mode = mode.parent) stack.unshift(mode);
  if (stack.length === 0) return { kind: 'top' };
  const open: OpenMode[] = [];
  let node = rootOf(result);
  for (const mode of stack) {
    const child = node?.children[node.children.length - 1];
    const scope = mode.scope ?? mode.className;
    if (typeof child !== 'object' || typeof scope !== 'string' || child.scope !== scope || mode.excludeBegin || mode.subLanguage || !mode.beginRe) return { kind: 'stuck' };
    const first = child.children[0];
    const lexeme = typeof first === 'string' ? mode.beginRe.exec(first) : null;
    if (!lexeme || lexeme.index !== 0 || lexeme[0].length === 0) return { kind: 'stuck' };
    open.push({ scope, lexeme: lexeme[0] });
    node = child;
  }
  return { kind: 'inside', open };
}

/**
 * Takes the opening text of `open` back out of a tree highlighted with it in
 * front; false when the grammar did not re-enter exactly those modes.
 */
function stripPrime(root: TreeNode, open: readonly OpenMode[]): boolean {
  let node = root;
  for (let level = 0; level < open.length; level++) {
    const mode = open[level] as OpenMode;
    const child = node.children[0];
    if (typeof child !== 'object' || child.scope !== mode.scope) return false;
    const text = child.children[0];
    if (typeof text !== 'string' || !text.startsWith(mode.lexeme)) return false;
    const last = level === open.length - 1;
    // An outer mode's opening text is all its first child holds: the next mode opens right after it.
    if (!last && text !== mode.lexeme) return false;
    if (text === mode.lexeme) child.children.shift();
    else child.children[0] = text.slice(mode.lexeme.length);
    node = child;
  }
  return true;
}

/**
 * Highlights one slice of a code block. After a slice that ended inside
 * modes, pass them as `open`: the slice is highlighted with their opening
 * text in front (which puts the grammar back where it was), and that text is
 * taken out of the tokens again. Undefined when that did not work: the caller
 * then highlights from an earlier point or stops.
 */
export function highlightSlice(text: string, language: string, open: readonly OpenMode[] = []): HighlightedSlice | undefined {
  const prime = open.map((m) => m.lexeme).join('');
  const result = hljs.highlight(prime + text, { language, ignoreIllegals: true });
  const end = openModes(result);
  const root = rootOf(result);
  if (!root || !stripPrime(root, open)) return undefined;
  return { nodes: root.children, end };
}
