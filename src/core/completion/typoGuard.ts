/** How long a request waits after a keystroke that looks like a typo: about the time a typist takes to notice one and press Backspace. */
export const TYPO_HOLD_MS = 500;

const WORD_AT_END = /[A-Za-z_$][\w$]*$/;

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\w$]/.test(ch);
}

/**
 * Whether the character just typed is probably a typo: the word before the
 * cursor matched the start of an identifier in the text around it until this
 * character, and now matches none (`larges` → `largesl` where only `largest`
 * exists). A typist who mistypes stops for a moment and presses Backspace; a
 * request fired in that moment is wasted and would show a suggestion built on
 * the typo. A word that matched nothing before (a new name) is not suspect.
 */
export function likelyTypo(prefix: string, suffix: string): boolean {
  if (isWordChar(suffix[0])) return false;
  const word = WORD_AT_END.exec(prefix.slice(prefix.lastIndexOf('\n') + 1))?.[0];
  if (word === undefined || word.length < 2) return false;
  const stem = word.slice(0, -1);
  const typed = word[word.length - 1];
  let matchedBefore = false;
  for (const text of [prefix.slice(0, prefix.length - word.length), suffix]) {
    for (let at = text.indexOf(stem); at >= 0; at = text.indexOf(stem, at + 1)) {
      if (isWordChar(text[at - 1])) continue;
      const next = text[at + stem.length];
      if (next === typed) return false;
      if (isWordChar(next)) matchedBefore = true;
    }
  }
  return matchedBefore;
}
