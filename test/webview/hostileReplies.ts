// Replies nobody on the team wrote (issue #11): nesting ten thousand levels
// deep, text that shows one thing and means another, and replies of a
// megabyte. Shared by the webview tier and `npm run bench:chat`.
import { longAnswer } from '../../bench/chat/answerText';

export const LEVELS = 10_000;
/** "Up to 1 MB": the inputs are a little more (1 MiB), the reply cap's default a little less (1,000,000 bytes). */
export const MEGABYTE = 1 << 20;

/** Each construct marked recurses on, ten thousand levels deep, between two ordinary paragraphs. */
export const DEEP_NESTING: Readonly<Record<string, string>> = {
  quotes: `${'>'.repeat(LEVELS)} deepest`,
  'spaced quotes': `${'> '.repeat(LEVELS)}deepest`,
  'dash lists': `${'- '.repeat(LEVELS)}deepest`,
  'star lists': `${'* '.repeat(LEVELS)}deepest`,
  'ordered lists': `${'1. '.repeat(LEVELS)}deepest`,
  'lists in quotes': `${'> - '.repeat(LEVELS / 2)}deepest`,
  emphasis: `${'*'.repeat(LEVELS)}deepest${'*'.repeat(LEVELS)}`,
  'nested emphasis': `${'*a '.repeat(LEVELS)}deepest${' a*'.repeat(LEVELS)}`,
  'links in links': `${'['.repeat(LEVELS)}deepest${'](https://example.com)'.repeat(LEVELS)}`,
  'indented lists': Array.from({ length: 1_000 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n') + '\n\n  deepest',
};

export function deepReply(kind: string): string {
  return `Before the deep part.\n\n${DEEP_NESTING[kind] ?? ''}\n\nAfter the deep part.\n`;
}

/** The issue's samples: a link whose label is another URL (with a title that pretends too), an override that reverses what follows, Trojan Source in code. */
export const BIDI = {
  fakeLink: '[https://good.example](https://evil.example/steal "https://good.example")',
  override: 'Open the file named \u202Etxt.exe and the rest of this paragraph would read backwards.',
  labelOverride: 'See [\u202Eelpmaxe.doog//:sptth](https://evil.example/other).',
  trojanLine: 'let role = "user\u202E \u2066// admin\u2069 \u2066";',
  zeroWidth: 'const admin\u200B = false;',
  inlineCode: 'Call `is\u200BAdmin()` first.',
};

export function bidiReply(): string {
  return `${BIDI.fakeLink}\n\n${BIDI.override}\n\n${BIDI.labelOverride}\n\n\`\`\`js\n${BIDI.trojanLine}\n${BIDI.zeroWidth}\n\`\`\`\n\n${BIDI.inlineCode}\n`;
}

const LINE_UNITS: Readonly<Record<string, string>> = {
  typescript: 'const a = f(b, "c") + 42; ',
  python: 'x = foo(bar, "baz") + 42; ',
  json: '{"key": "value", "n": 12345, "ok": true}, ',
};
export const ONE_LINE_LANGUAGES = Object.keys(LINE_UNITS);

/** A fenced block whose code is one line of a megabyte. */
export function oneLineFence(language: string): { reply: string; code: string } {
  const unit = LINE_UNITS[language] ?? 'x';
  const code = unit.repeat(Math.ceil(MEGABYTE / unit.length)).slice(0, MEGABYTE);
  return { reply: `A generated line:\n\n\`\`\`${language}\n${code}\n\`\`\`\n\nThat was long.\n`, code };
}

/** `/*` that is never closed, then ten thousand lines: all of it is a comment. */
export function unclosedComment(): { reply: string; code: string } {
  const code = `/*\n${Array.from({ length: LEVELS }, (_, i) => `let x${i} = f(${i});`).join('\n')}`;
  return { reply: `\`\`\`typescript\n${code}\n\`\`\`\n`, code };
}

/** A realistic megabyte: prose, lists, tables and code blocks. */
export function megabyteAnswer(): string {
  return longAnswer(11, 300_000).slice(0, MEGABYTE);
}

export const LATE_LINKS = 300;

/** Paragraphs naming links whose definitions all come at the end, and paragraphs with brackets that name none. */
export function lateLinkReply(): string {
  const named = Array.from({ length: LATE_LINKS }, (_, i) => `Paragraph ${i} cites [source ${i}] and [the docs][docs ${i}].`);
  const plain = Array.from({ length: 100 }, (_, i) => `Note ${i} has [brackets] that name no definition.`);
  const definitions = Array.from({ length: LATE_LINKS }, (_, i) => `[source ${i}]: https://example.com/s/${i}\n[docs ${i}]: https://example.com/d/${i}`);
  return `${[...named, ...plain, 'The sources follow.'].join('\n\n')}\n\n${definitions.join('\n')}\n`;
}

/** Deltas of 8–16 KB, as a fast model's text arrives batched. */
export function bigDeltas(text: string): string[] {
  const deltas: string[] = [];
  for (let i = 0, k = 0; i < text.length; k++) {
    const n = 8_192 + ((k * 7_919) % 8_192);
    deltas.push(text.slice(i, i + n));
    i += n;
  }
  return deltas;
}
