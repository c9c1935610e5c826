import * as assert from 'node:assert/strict';
import hljs from 'highlight.js/lib/core';
import { longAnswer } from '../../../../../bench/chat/answerText';
import { codeUnitEnds, LINE_PIECE, UNIT_CHARS, UNIT_LINES } from '../../../../../webview/chat/markdown/codeUnits';
import { canHighlight, highlightSlice, sliceHtml } from '../../../../../webview/chat/markdown/highlightCode';
import type { SliceEnd } from '../../../../../webview/chat/markdown/highlightCode';
import { renderMarkdown } from '../../../../../webview/chat/markdown/referenceRender';

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&amp;': '&' };

/** For each character of the highlighted text, the classes around it ("hljs-string|hljs-subst"): what the eye sees. */
function classesPerChar(html: string): { text: string; classes: string[] } {
  const stack: string[] = [];
  const classes: string[] = [];
  let text = '';
  for (const [token] of html.matchAll(/<span class="([^"]*)">|<\/span>|&[#\w]+;|[^<&]+/g)) {
    if (token.startsWith('<span')) stack.push(/class="([^"]*)"/.exec(token)?.[1] ?? '');
    else if (token === '</span>') stack.pop();
    else {
      const chars = ENTITIES[token] ?? token;
      assert.ok(!chars.startsWith('&') || chars === '&', `unknown entity ${token}`);
      for (const ch of chars) {
        text += ch;
        classes.push(stack.join('|'));
      }
    }
  }
  return { text, classes };
}

/** Highlights `code` unit by unit, resuming each unit where the last one left off, as the page does. */
function highlightInUnits(code: string, language: string): { html: string; ends: SliceEnd['kind'][] } {
  let html = '';
  let start = 0;
  let open: Extract<SliceEnd, { kind: 'inside' }>['open'] = [];
  const ends: SliceEnd['kind'][] = [];
  for (const end of codeUnitEnds(code)) {
    const slice = highlightSlice(code.slice(start, end), language, open);
    assert.ok(slice, `unit at ${start} could not be resumed`);
    html += sliceHtml(slice.nodes);
    ends.push(slice.end.kind);
    open = slice.end.kind === 'inside' ? slice.end.open : [];
    start = end;
  }
  return { html, ends };
}

describe('code units and resumable highlighting', () => {
  it('knows the registered languages and their aliases only', () => {
    for (const l of ['typescript', 'ts', 'python', 'py', 'rust', 'go', 'bash', 'sh', 'json', 'sql', 'yaml', 'java', 'css', 'html', 'diff', 'cpp', 'csharp']) assert.ok(canHighlight(l), l);
    for (const l of ['', 'cobol', 'unknownlang']) assert.equal(canHighlight(l), false, l);
  });

  it('cuts code into units of whole lines, and a long line into pieces that end at a break', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `let v${i} = ${i};`);
    const long = 'const a = f(b, "c") + 42; '.repeat(400);
    const code = [...lines, long, ...lines].join('\n');
    const ends = codeUnitEnds(code);
    assert.equal(ends.at(-1), code.length);
    let start = 0;
    for (const end of ends) {
      const unit = code.slice(start, end);
      assert.ok(unit.length > 0 && unit.length <= UNIT_CHARS, `unit of ${unit.length}`);
      assert.ok(unit.split('\n').length - 1 <= UNIT_LINES);
      if (unit.length > LINE_PIECE) assert.ok(!unit.slice(0, -1).includes('\n') || unit.length <= UNIT_CHARS);
      start = end;
    }
    // The long line's pieces (its short remainder shares a unit with the lines after it).
    const pieces = ends.map((end, i) => code.slice(ends[i - 1] ?? 0, end)).filter((u) => long.includes(u) && u.length > LINE_PIECE / 2);
    assert.ok(pieces.every((p) => p.length <= LINE_PIECE));
    assert.ok(pieces.join('').length > long.length - LINE_PIECE, `${pieces.length} pieces`);
    for (const piece of pieces.slice(0, -1)) assert.match(piece, /[\s,;:.(){}[\]<>=+\-*/|&!?'"`]$/, 'a piece ends at a break, not inside a word');
  });

  it('colours every block of the benchmark answer exactly as highlighting it whole does', () => {
    const codes = renderMarkdown(longAnswer(42, 20_000)).flatMap((b) => (b.kind === 'html' ? b.codes : []));
    assert.ok(codes.length >= 10);
    for (const { code, language } of codes) {
      const lang = language === 'typescript' ? 'typescript' : language;
      const { html } = highlightInUnits(code, lang);
      const whole = highlightSlice(code, lang);
      assert.ok(whole);
      // The tokens the page builds elements from are highlight.js's own output.
      assert.equal(sliceHtml(whole.nodes), hljs.highlight(code, { language: lang, ignoreIllegals: true }).value);
      assert.deepEqual(classesPerChar(html), classesPerChar(sliceHtml(whole.nodes)), `${language} block differs`);
    }
  });

  it('resumes inside an unclosed comment for ten thousand lines, never starting over', () => {
    const code = `/*\n${Array.from({ length: 10_000 }, (_, i) => `let x${i} = ${i};`).join('\n')}`;
    const { html, ends } = highlightInUnits(code, 'typescript');
    assert.ok(ends.length > 100);
    assert.ok(ends.every((e) => e === 'inside'), 'every unit ends inside the comment');
    const { text, classes } = classesPerChar(html);
    assert.equal(text, code);
    assert.ok(classes.every((c) => c === 'hljs-comment'), 'all of it is comment');
  });

  it('resumes inside strings and template literals cut across units, as the whole block colours them', () => {
    const filler = Array.from({ length: UNIT_LINES - 2 }, (_, i) => `const a${i} = ${i};`);
    const code = [...filler, 'const doc = `first ${name', '+ 1} second', ...filler, 'third`;', 'const s = "x";'].join('\n');
    const { html, ends } = highlightInUnits(code, 'typescript');
    assert.ok(ends.includes('inside'), 'a unit ended inside the template');
    assert.deepEqual(classesPerChar(html), classesPerChar(sliceHtml(highlightSlice(code, 'typescript')?.nodes ?? [])));
  });

  it('says when a slice ends where it cannot resume (embedded languages)', () => {
    const slice = highlightSlice('<script>\nlet a = 1;\n', 'xml');
    assert.equal(slice?.end.kind, 'stuck');
  });
});
