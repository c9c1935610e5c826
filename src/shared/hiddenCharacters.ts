// Characters that change what text looks like without showing themselves:
// bidirectional controls (Trojan Source: code that reads differently from
// what it does), zero-width and other invisible format characters, unusual
// spaces and control codes. One list for the host (the warning before code
// reaches the editor) and the webview (the markers in code blocks), modelled on
// what VS Code's editor.unicodeHighlight calls invisible characters.

/** Explicit bidirectional formatting: embeddings, overrides, isolates, and their terminators. */
const BIDI_FORMATTING = /[\u202A-\u202E\u2066-\u2069]/;

/**
 * Every hidden character, one match per code point: C0/C1 controls but tab
 * and newlines, format characters (Cf: bidi marks and controls, zero-width,
 * soft hyphen, word joiner, invisible operators, BOM, tags), spaces other than
 * U+0020, line/paragraph separators, fillers and variation selectors.
 */
const HIDDEN_SOURCE =
  '(?:[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\p{Cf}\\p{Zs}\\u2028\\u2029\\u115F\\u1160\\u3164\\uFFA0]' +
  // Combining marks that show nothing, each on its own (a class would pair them with what precedes them).
  '|\\u034F|\\u17B4|\\u17B5|[\\u180B-\\u180F]|[\\uFE00-\\uFE0F]|[\\u{E0100}-\\u{E01EF}])';
const HIDDEN = new RegExp(`(?! )${HIDDEN_SOURCE}`, 'u');

/** A fresh global matcher (each caller keeps its own lastIndex). */
export function hiddenCharacterPattern(): RegExp {
  return new RegExp(`(?! )${HIDDEN_SOURCE}`, 'gu');
}

const NAMES: Readonly<Record<number, string>> = {
  0x00a0: 'NO-BREAK SPACE',
  0x00ad: 'SOFT HYPHEN',
  0x034f: 'COMBINING GRAPHEME JOINER',
  0x061c: 'ARABIC LETTER MARK',
  0x115f: 'HANGUL CHOSEONG FILLER',
  0x1160: 'HANGUL JUNGSEONG FILLER',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x2000: 'EN QUAD',
  0x2001: 'EM QUAD',
  0x2002: 'EN SPACE',
  0x2003: 'EM SPACE',
  0x2004: 'THREE-PER-EM SPACE',
  0x2005: 'FOUR-PER-EM SPACE',
  0x2006: 'SIX-PER-EM SPACE',
  0x2007: 'FIGURE SPACE',
  0x2008: 'PUNCTUATION SPACE',
  0x2009: 'THIN SPACE',
  0x200a: 'HAIR SPACE',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x202f: 'NARROW NO-BREAK SPACE',
  0x205f: 'MEDIUM MATHEMATICAL SPACE',
  0x2060: 'WORD JOINER',
  0x2061: 'FUNCTION APPLICATION',
  0x2062: 'INVISIBLE TIMES',
  0x2063: 'INVISIBLE SEPARATOR',
  0x2064: 'INVISIBLE PLUS',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0x3000: 'IDEOGRAPHIC SPACE',
  0x3164: 'HANGUL FILLER',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
  0xffa0: 'HALFWIDTH HANGUL FILLER',
};

/** "U+202E". */
export function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** "U+202E RIGHT-TO-LEFT OVERRIDE"; a generic description for code points without a name here. */
export function describeCodePoint(codePoint: number): string {
  const name = NAMES[codePoint];
  if (name) return `${codePointLabel(codePoint)} ${name}`;
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f)) return `${codePointLabel(codePoint)} control character`;
  if (codePoint >= 0xe0000 && codePoint <= 0xe007f) return `${codePointLabel(codePoint)} tag character`;
  if ((codePoint >= 0xfe00 && codePoint <= 0xfe0f) || (codePoint >= 0xe0100 && codePoint <= 0xe01ef)) return `${codePointLabel(codePoint)} variation selector`;
  return `${codePointLabel(codePoint)} invisible character`;
}

export function isBidiControl(codePoint: number): boolean {
  return codePoint === 0x061c || codePoint === 0x200e || codePoint === 0x200f || BIDI_FORMATTING.test(String.fromCodePoint(codePoint));
}

export function hasHiddenCharacters(text: string): boolean {
  return HIDDEN.test(text);
}

/** Whether `text` has an embedding, override or isolate: the characters that reorder what follows them. */
export function hasBidiFormatting(text: string): boolean {
  return BIDI_FORMATTING.test(text);
}

/** The text with every hidden character written as <U+XXXX>, for places that can only show plain text. */
export function revealHiddenCharacters(text: string): string {
  return text.replace(hiddenCharacterPattern(), (ch) => `<${codePointLabel(ch.codePointAt(0) ?? 0)}>`);
}

export interface HiddenCharacterLine {
  /** 1-based. */
  readonly line: number;
  /** The distinct code points on that line, in order of first appearance. */
  readonly codePoints: readonly number[];
  readonly count: number;
}

/** Where `text` has hidden characters, line by line (at most `maxLines` lines listed). */
export function findHiddenCharacters(text: string, maxLines = Infinity): { readonly total: number; readonly lines: readonly HiddenCharacterLine[] } {
  const lines: HiddenCharacterLine[] = [];
  let total = 0;
  let line = 1;
  let lineStart = 0;
  const pattern = hiddenCharacterPattern();
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    // Count the newlines between the previous match and this one.
    for (let i = text.indexOf('\n', lineStart); i >= 0 && i < match.index; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    total++;
    const codePoint = match[0].codePointAt(0) ?? 0;
    const last = lines[lines.length - 1];
    if (last?.line === line) {
      lines[lines.length - 1] = { line, codePoints: last.codePoints.includes(codePoint) ? last.codePoints : [...last.codePoints, codePoint], count: last.count + 1 };
    } else if (lines.length < maxLines) lines.push({ line, codePoints: [codePoint], count: 1 });
  }
  return { total, lines };
}
