// The agent reads a file to change it and Undo writes it back: the text must
// be the file's exact content, so writing it again gives the same bytes.

export type ExactText = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

// ignoreBOM keeps a leading BOM in the text, so it is written back too.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/**
 * The exact text of a file's bytes: refused when the file is binary (a NUL
 * byte), UTF-16 or not valid UTF-8, because an edit of mojibake could not be
 * written back as the bytes it came from. BOM and line endings are kept.
 */
export function decodeExactText(bytes: Uint8Array): ExactText {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return { ok: false, reason: 'it is UTF-16 encoded; Hearth edits UTF-8 text only' };
  if (bytes.includes(0)) return { ok: false, reason: 'it is a binary file (it contains NUL bytes)' };
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    return { ok: false, reason: 'it is not valid UTF-8 text' };
  }
}

/** The bytes `decodeExactText` read the text from. */
export function encodeExactText(text: string): Uint8Array {
  return encoder.encode(text);
}
