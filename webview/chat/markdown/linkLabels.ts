// Which link definitions a block may use, so that a definition arriving late
// re-renders only the blocks that name its label, not every block with a "[".

/** A label as marked compares them (its own normalization: trimmed, spaces collapsed, case-folded). */
export function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase().toUpperCase().toLowerCase();
}

/** marked ignores longer labels. */
const MAX_LABEL = 999;
/** Closing brackets tried per opening one: enough for a label holding one nested pair or a code span with "]". */
const CLOSINGS_TRIED = 3;

/**
 * Every label the block's source could refer to: the text between each "["
 * and each of the next few "]" after it. A superset of what marked resolves
 * (`[text][label]`, `[label][]`, `[label]`), which is what matters: a block
 * missing from it would keep a stale rendering.
 */
export function referencedLabels(raw: string): Set<string> {
  const labels = new Set<string>();
  for (let open = raw.indexOf('['); open >= 0; open = raw.indexOf('[', open + 1)) {
    let close = open;
    for (let n = 0; n < CLOSINGS_TRIED; n++) {
      close = raw.indexOf(']', close + 1);
      if (close < 0 || close - open - 1 > MAX_LABEL) break;
      labels.add(normalizeLabel(raw.slice(open + 1, close)));
    }
  }
  return labels;
}
