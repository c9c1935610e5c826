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

/** Lines highlighted in one step: a few milliseconds of work even for a dense grammar. */
export const CHUNK_LINES = 24;

export interface HighlightedChunk {
  /** The chunk's source: whole lines, with their newline except for the last line of the code. */
  readonly text: string;
  /** highlight.js output for it: the text escaped, in `<span class="hljs-…">`. */
  readonly html: string;
}

export function canHighlight(language: string): boolean {
  return language.length > 0 && hljs.getLanguage(language) !== undefined;
}

/**
 * Highlights `code` a chunk of about CHUNK_LINES lines at a time, so a
 * 200-line block never costs one long task. A chunk ends only where the
 * grammar is back at its top level (not inside a string, comment or
 * parameter list), so starting the next chunk afresh highlights it as the
 * whole block would; otherwise the chunk grows a line at a time.
 */
export function* highlightChunks(code: string, language: string): Generator<HighlightedChunk, void, undefined> {
  const lines = code.split('\n');
  let start = 0;
  while (start < lines.length) {
    let end = Math.min(lines.length, start + CHUNK_LINES);
    for (;;) {
      const last = end === lines.length;
      const text = lines.slice(start, end).join('\n') + (last ? '' : '\n');
      const result = hljs.highlight(text, { language, ignoreIllegals: true });
      const top = result._top as { parent?: unknown } | undefined;
      if (last || !top?.parent) {
        yield { text, html: result.value };
        break;
      }
      end++;
    }
    start = end;
  }
}
