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
  /** The span highlight.js opens for it. */
  readonly tag: string;
  readonly lexeme: string;
}

/**
 * How a slice left the grammar: back at its top level, inside modes the next
 * slice can re-enter by starting with their opening text (a comment, a string,
 * a template literal), or inside something it cannot resume.
 */
export type SliceEnd = { readonly kind: 'top' } | { readonly kind: 'inside'; readonly open: readonly OpenMode[] } | { readonly kind: 'stuck' };

export interface HighlightedSlice {
  /** highlight.js output for the slice's text alone: the text escaped, in `<span class="hljs-…">`. */
  readonly html: string;
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
  readonly children: readonly (string | TreeNode)[];
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' })[c] ?? c);
}

/** highlight.js's class for a scope ("title.function" is "hljs-title function_"). */
function scopeClass(scope: string): string {
  const [head, ...rest] = scope.split('.');
  return [`hljs-${head ?? ''}`, ...rest.map((part, i) => `${part}${'_'.repeat(i + 1)}`)].join(' ');
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
  let node = (result._emitter as unknown as { rootNode?: TreeNode }).rootNode;
  for (const mode of stack) {
    const child = node?.children[node.children.length - 1];
    const scope = mode.scope ?? mode.className;
    if (typeof child !== 'object' || typeof scope !== 'string' || child.scope !== scope || mode.excludeBegin || mode.subLanguage || !mode.beginRe) return { kind: 'stuck' };
    const first = child.children[0];
    const lexeme = typeof first === 'string' ? mode.beginRe.exec(first) : null;
    if (!lexeme || lexeme.index !== 0 || lexeme[0].length === 0) return { kind: 'stuck' };
    open.push({ tag: `<span class="${scopeClass(scope)}">`, lexeme: lexeme[0] });
    node = child;
  }
  return { kind: 'inside', open };
}

/**
 * Highlights one slice of a code block. After a slice that ended inside
 * modes, pass them as `open`: the slice is highlighted with their opening
 * text in front (which puts the grammar back where it was), and that text is
 * taken out of the output again. Undefined when that did not work: the caller
 * then highlights from an earlier point or stops.
 */
export function highlightSlice(text: string, language: string, open: readonly OpenMode[] = []): HighlightedSlice | undefined {
  const prime = open.map((m) => m.lexeme).join('');
  const result = hljs.highlight(prime + text, { language, ignoreIllegals: true });
  const expected = open.map((m) => m.tag + escapeHtml(m.lexeme)).join('');
  if (!result.value.startsWith(expected)) return undefined;
  const html = open.map((m) => m.tag).join('') + result.value.slice(expected.length);
  return { html, end: openModes(result) };
}
