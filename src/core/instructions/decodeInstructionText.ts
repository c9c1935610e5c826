import { withoutIncompleteUtf8Tail } from './utf8Text';

export type DecodedInstructionText =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Turns the bytes of an instruction file into the text a model should see:
 * refuses what is not UTF-8 text (so a stray binary or UTF-16 file never lands
 * in a prompt as mojibake), strips a UTF-8 BOM and YAML front matter (metadata
 * for other tools, not instructions) and normalises line ends.
 * `truncated` says the bytes are a bounded prefix of a longer file.
 */
export function decodeInstructionText(bytes: Uint8Array, truncated: boolean): DecodedInstructionText {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    return { ok: false, reason: 'it is UTF-16 encoded; save it as UTF-8' };
  }
  if (bytes.includes(0)) return { ok: false, reason: 'it contains NUL bytes (a binary file?)' };
  let body = truncated ? withoutIncompleteUtf8Tail(bytes) : bytes;
  if (startsWith(body, [0xef, 0xbb, 0xbf])) body = body.subarray(3);
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return { ok: false, reason: 'it is not valid UTF-8 text' };
  }
  return { ok: true, text: stripFrontMatter(text.replace(/\r\n?/g, '\n')) };
}

/**
 * YAML front matter is a `---` line at the very start closed by a `---` (or
 * `...`) line. Without a closing line it is not front matter but a thematic
 * break, and stays.
 */
export function stripFrontMatter(text: string): string {
  const match = /^---[ \t]*\n(?:[\s\S]*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(text);
  return match === null ? text : text.slice(match[0].length);
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}
