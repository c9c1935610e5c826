import type { TextSpan } from './applyPlan';

/** One edit of a document, as VS Code reports it: replace `length` characters at `offset` by `text`. */
export interface TextChange {
  readonly offset: number;
  readonly length: number;
  readonly text: string;
}

/**
 * The part of a document a proposed change replaces, followed through later
 * edits of that document so the change still lands where the diff showed it.
 * `touched` records that an edit reached inside the part: the span then grows
 * to cover the edit (the replacement overwrites it), and the user must see the
 * diff again before anything is written.
 */
export interface TrackedSpan extends TextSpan {
  readonly touched: boolean;
}

/**
 * Where `span` lies after `changes`, applied one after the other (each offset
 * is relative to the text the previous changes left, as VS Code reports the
 * changes of one event).
 *
 * An edit wholly before the span shifts it; one wholly after leaves it; an
 * insertion at either edge stays outside (the replaced text itself is
 * unchanged). Anything else overlaps the span: it then covers both what it
 * covered and the edit's new text, and is marked touched.
 */
export function trackSpan(span: TrackedSpan, changes: readonly TextChange[]): TrackedSpan {
  let { start, end, touched } = span;
  for (const change of changes) {
    const changeEnd = change.offset + change.length;
    const delta = change.text.length - change.length;
    if (changeEnd <= start) {
      start += delta;
      end += delta;
    } else if (change.offset >= end) {
      continue;
    } else {
      start = Math.min(start, change.offset);
      end = Math.max(end, changeEnd) + delta;
      touched = true;
    }
  }
  return { start, end, touched };
}

/** `text` with `span` replaced by `newText`: what the proposal shows and what accepting it writes. */
export function replaceSpan(text: string, span: TextSpan, newText: string): string {
  return text.slice(0, span.start) + newText + text.slice(span.end);
}
