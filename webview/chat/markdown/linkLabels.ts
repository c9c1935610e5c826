// Which link definitions a block may use, so that a definition arriving late
// re-renders only the blocks that name its label, not every block with a "[".

/** A label as marked compares them (its own normalization: trimmed, spaces collapsed, case-folded). */
export function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase().toUpperCase().toLowerCase();
}

/** marked ignores longer labels. */
const MAX_LABEL = 999;

/**
 * Every label the block's source could refer to: the text of each bracket
 * pair with no other unescaped bracket inside. marked's reference (`ref` in
 * `[text][ref]`, `[ref][]`, `[ref]`) is `(?:\\.|[^\[\]\\])+`, so every label it
 * resolves is one of these: a superset, which is what matters (a block
 * missing from it would keep a stale rendering). One pass over the text:
 * trying each "[" against the next few "]" cost ten thousand nested "[" tens
 * of milliseconds in one task.
 */
export function referencedLabels(raw: string): Set<string> {
  const labels = new Set<string>();
  let open = -1;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw.charCodeAt(i);
    if (ch === 92 /* \ */) i++;
    else if (ch === 91 /* [ */) open = i;
    else if (ch === 93 /* ] */) {
      if (open >= 0 && i - open - 1 <= MAX_LABEL) labels.add(normalizeLabel(raw.slice(open + 1, i)));
      open = -1;
    }
  }
  return labels;
}
