import type { CodeAction } from '../../shared/protocol';
import { describeCodePoint, findHiddenCharacters } from '../../shared/hiddenCharacters';

/** Lines listed in the warning; a longer list would push the buttons off the dialog. */
const LISTED_LINES = 8;

/** The actions that put code into a file, and the button that goes ahead with each. */
const PROCEED: Partial<Record<CodeAction, string>> = { insert: 'Insert Anyway', apply: 'Apply Anyway', saveAs: 'Save Anyway' };

export interface HiddenCodeWarning {
  readonly message: string;
  /** Where the characters are, line by line, each named. */
  readonly detail: string;
  /** The button that goes ahead anyway. */
  readonly proceed: string;
}

/**
 * What to tell the user before code with invisible or bidi control
 * characters reaches the editor (Trojan Source: it reads one way in the view
 * and another to the compiler). Undefined when the code has none, or the
 * action does not put it into a file (Copy: the clipboard is the user's own
 * next step, and the view already marks each character).
 */
export function hiddenCodeWarning(action: CodeAction, code: string): HiddenCodeWarning | undefined {
  const proceed = PROCEED[action];
  if (!proceed) return undefined;
  const found = findHiddenCharacters(code, LISTED_LINES);
  if (found.total === 0) return undefined;
  const listed = found.lines.map((l) => `Line ${l.line}: ${l.codePoints.map(describeCodePoint).join(', ')}${l.count > l.codePoints.length ? ` (${l.count} in all)` : ''}`);
  const listedCount = found.lines.reduce((n, l) => n + l.count, 0);
  const more = listedCount < found.total ? [`…and ${found.total - listedCount} more on later lines.`] : [];
  const characters = found.total === 1 ? 'an invisible or bidirectional control character' : `${found.total} invisible or bidirectional control characters`;
  return {
    message: `This code contains ${characters}: it may do something other than what it shows.`,
    detail: [...listed, ...more, '', 'The chat marks each of them in the code block. Check them before you go on.'].join('\n'),
    proceed,
  };
}
