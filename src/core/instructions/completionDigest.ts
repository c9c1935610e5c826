import type { ResolvedInstructions } from './resolvedInstructions';

/** Inline completions pay for every prompt character on every keystroke: keep the digest small. */
export const DEFAULT_DIGEST_MAX_CHARS = 600;

const MAX_LINE_CHARS = 160;
/** Below this, a shortened line says too little to be worth its characters. */
const MIN_SHORTENED_LINE_CHARS = 24;

interface DigestLine {
  readonly text: string;
  readonly heading: boolean;
}

/**
 * A compact plain-text form of the instructions for inline completions (the
 * completion feature wraps it in the language's comment syntax). Bullet points
 * carry conventions, so it takes bullets with their headings, or a file's first
 * prose lines when it has no bullets, from the nearest file first, then
 * shallower ones while room remains. Never longer than `maxChars`.
 */
export function buildCompletionDigest(resolved: ResolvedInstructions, maxChars = DEFAULT_DIGEST_MAX_CHARS): string {
  const out: DigestLine[] = [];
  let used = 0;
  const candidates = [...resolved.files].reverse().flatMap((file) => digestLines(file.text));
  for (const line of candidates) {
    const cost = line.text.length + (out.length > 0 ? 1 : 0);
    if (used + cost <= maxChars) {
      out.push(line);
      used += cost;
      continue;
    }
    const room = maxChars - used - (out.length > 0 ? 1 : 0);
    if (!line.heading && room >= MIN_SHORTENED_LINE_CHARS) out.push({ text: shorten(line.text, room), heading: false });
    break;
  }
  while (out.length > 0 && out[out.length - 1]?.heading === true) out.pop();
  return out.map((line) => line.text).join('\n');
}

/** One file's most telling lines: bullets under their headings, else the first prose lines. */
function digestLines(text: string): DigestLine[] {
  const bullets: DigestLine[] = [];
  const prose: DigestLine[] = [];
  let heading: string | undefined;
  for (const line of proseLines(text)) {
    const headingMatch = /^#{1,6}\s+(.*?)\s*#*$/.exec(line);
    if (headingMatch !== null) {
      heading = headingMatch[1] ?? '';
      continue;
    }
    const bulletMatch = /^(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (bulletMatch !== null) {
      // A heading earns its characters only when a bullet below it is kept.
      if (heading !== undefined && heading !== '') bullets.push({ text: shorten(`${heading}:`, MAX_LINE_CHARS), heading: true });
      heading = undefined;
      bullets.push({ text: shorten(`- ${bulletMatch[1] ?? ''}`, MAX_LINE_CHARS), heading: false });
    } else {
      prose.push({ text: shorten(line, MAX_LINE_CHARS), heading: false });
    }
  }
  return bullets.length > 0 ? bullets : prose;
}

/** Non-blank lines outside fenced code, HTML comments and tables, whitespace collapsed. */
function proseLines(text: string): string[] {
  const lines: string[] = [];
  let fence: string | undefined;
  let inComment = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const fenceMatch = /^(`{3,}|~{3,})/.exec(line);
    if (fence !== undefined) {
      if (fenceMatch?.[1] !== undefined && fenceMatch[1].startsWith(fence)) fence = undefined;
      continue;
    }
    if (fenceMatch?.[1] !== undefined) {
      fence = fenceMatch[1];
      continue;
    }
    if (inComment || line.startsWith('<!--')) {
      inComment = !line.includes('-->');
      continue;
    }
    if (line === '' || line.startsWith('|')) continue;
    lines.push(line.replace(/\s+/g, ' '));
  }
  return lines;
}

function shorten(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  return `${text.slice(0, Math.max(0, maxChars - 1)).trimEnd()}…`;
}

type CommentStyle = { readonly line: string } | { readonly open: string; readonly close: string };

const SLASHES: CommentStyle = { line: '//' };
const HASH: CommentStyle = { line: '#' };
const DASHES: CommentStyle = { line: '--' };
const SEMICOLON: CommentStyle = { line: ';' };
const PERCENT: CommentStyle = { line: '%' };
const CSS: CommentStyle = { open: '/*', close: '*/' };
const MARKUP: CommentStyle = { open: '<!--', close: '-->' };

const COMMENT_STYLES: Readonly<Record<string, CommentStyle>> = {
  ...styleFor(HASH, 'python', 'shellscript', 'ruby', 'perl', 'yaml', 'toml', 'dockerfile', 'makefile', 'r', 'powershell', 'elixir', 'coffeescript', 'julia', 'nim', 'cmake', 'dotenv', 'terraform', 'nix', 'graphql', 'properties', 'raku', 'crystal', 'gdscript'),
  ...styleFor(DASHES, 'sql', 'lua', 'haskell', 'elm', 'purescript', 'ada', 'vhdl'),
  ...styleFor(SEMICOLON, 'clojure', 'lisp', 'scheme', 'racket', 'ini'),
  ...styleFor(PERCENT, 'erlang', 'latex', 'tex', 'bibtex', 'matlab', 'prolog'),
  ...styleFor({ line: "'" }, 'vb'),
  ...styleFor({ line: 'REM' }, 'bat'),
  ...styleFor(CSS, 'css'),
  ...styleFor(MARKUP, 'html', 'xml', 'xsl', 'svg', 'markdown'),
  // `//` languages are listed for the record; anything unknown falls back to them too.
  ...styleFor(SLASHES, 'typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'java', 'c', 'cpp', 'csharp', 'go', 'rust', 'swift', 'kotlin', 'scala', 'dart', 'php', 'objective-c', 'objective-cpp', 'groovy', 'fsharp', 'zig', 'solidity', 'jsonc', 'scss', 'less', 'proto'),
};

function styleFor(style: CommentStyle, ...languageIds: string[]): Record<string, CommentStyle> {
  return Object.fromEntries(languageIds.map((id) => [id, style]));
}

/**
 * Wraps every line of `text` as a comment of the language (by VS Code language
 * id), so instructions sit in a completion prompt as code the model expects.
 * Languages with only block comments get one per line, with any closing
 * sequence in the text defused so it cannot end the comment early.
 */
export function asLineComment(text: string, languageId: string): string {
  const style = COMMENT_STYLES[languageId] ?? SLASHES;
  return text
    .split('\n')
    .map((line) => {
      if ('line' in style) return line === '' ? style.line : `${style.line} ${line}`;
      const safe = style === CSS ? line.replace(/\*\//g, '* /') : line.replace(/--/g, '- -');
      return `${style.open} ${safe} ${style.close}`;
    })
    .join('\n');
}
