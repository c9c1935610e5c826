/**
 * UTF-8 byte arithmetic on JavaScript strings. The budget is in UTF-8 bytes
 * (what the files weigh on disk), while the text is held as UTF-16 strings.
 */

/** UTF-8 length of the code point starting at `i`; 4 means it spans two UTF-16 units. */
function codePointBytes(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (code >= 0xd800 && code <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    if (next >= 0xdc00 && next <= 0xdfff) return 4;
  }
  return 3; // includes a lone surrogate, which encodes as U+FFFD
}

export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; ) {
    const size = codePointBytes(text, i);
    bytes += size;
    i += size === 4 ? 2 : 1;
  }
  return bytes;
}

/** The longest prefix of `text` whose UTF-8 encoding fits `maxBytes`, never splitting a code point. */
function prefixEndWithinBytes(text: string, maxBytes: number): number {
  let bytes = 0;
  let i = 0;
  while (i < text.length) {
    const size = codePointBytes(text, i);
    if (bytes + size > maxBytes) break;
    bytes += size;
    i += size === 4 ? 2 : 1;
  }
  return i;
}

/**
 * The head of `text` within `maxBytes`. Cuts at the last line break when that
 * keeps at least half the allowance (a whole line reads better than half of
 * one), otherwise at the last whole code point, so one long line does not
 * throw away the budget.
 */
export function headWithinBytes(text: string, maxBytes: number): string {
  if (maxBytes <= 0) return '';
  const end = prefixEndWithinBytes(text, maxBytes);
  if (end >= text.length) return text;
  const head = text.slice(0, end);
  const lineEnd = head.lastIndexOf('\n');
  if (lineEnd >= 0 && utf8ByteLength(head.slice(0, lineEnd)) * 2 >= maxBytes) return head.slice(0, lineEnd).trimEnd();
  return head;
}

/**
 * A bounded read may stop inside a multi-byte sequence. Drops such an
 * incomplete tail so a strict decoder judges the file, not where we stopped.
 */
export function withoutIncompleteUtf8Tail(bytes: Uint8Array): Uint8Array {
  const start = Math.max(0, bytes.length - 3);
  for (let i = bytes.length - 1; i >= start; i--) {
    const byte = bytes[i] ?? 0;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return bytes.length - i < needed ? bytes.subarray(0, i) : bytes;
  }
  return bytes;
}
