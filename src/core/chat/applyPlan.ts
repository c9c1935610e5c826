/** Offsets into a document's text. */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
}

export interface ApplyPlan extends TextSpan {
  readonly newText: string;
  /** How the target range was found, for the diff's title. */
  readonly how: 'selection' | 'matched' | 'file';
}

/**
 * Where a code block from the chat goes in the active file. A selection wins
 * (the user chose the target). Otherwise a block whose first and last lines
 * both occur in the file, in order, replaces what lies between them — the
 * usual "here is the changed function". Otherwise the block replaces the
 * whole file. The user always sees the result as a diff before it is applied.
 */
export function planApply(documentText: string, selection: TextSpan | undefined, code: string): ApplyPlan {
  const block = code.replace(/\n$/, '');
  if (selection && selection.end > selection.start) return { ...selection, newText: block, how: 'selection' };
  const matched = matchRegion(documentText, block);
  if (matched) return { ...matched, newText: block, how: 'matched' };
  const trailingNewline = documentText.endsWith('\n') && !block.endsWith('\n') ? '\n' : '';
  return { start: 0, end: documentText.length, newText: block + trailingNewline, how: 'file' };
}

function matchRegion(text: string, block: string): TextSpan | undefined {
  const blockLines = block.split('\n');
  const first = blockLines.find((l) => l.trim() !== '')?.trim();
  const last = [...blockLines].reverse().find((l) => l.trim() !== '')?.trim();
  // A first line as short as "}" or "return x;" anchors nothing.
  if (!first || !last || first.length < 8 || blockLines.length < 2) return undefined;
  const lines = text.split('\n');
  const offsets: number[] = [];
  let offset = 0;
  for (const line of lines) {
    offsets.push(offset);
    offset += line.length + 1;
  }
  const starts = lines.flatMap((l, i) => (l.trim() === first ? [i] : []));
  // Ambiguous anchors (the same line twice) would make the plan a guess.
  if (starts.length !== 1) return undefined;
  const startLine = starts[0] ?? 0;
  const maxLines = blockLines.length * 3 + 10;
  for (let end = startLine + 1; end < lines.length && end <= startLine + maxLines; end++) {
    if (lines[end]?.trim() !== last) continue;
    const indent = /^\s*/.exec(lines[startLine] ?? '')?.[0] ?? '';
    const closing = /^\s*/.exec(lines[end] ?? '')?.[0] ?? '';
    // The closing line must sit at the opening line's depth: "}" of the same block, not of a nested one.
    if (closing.length !== indent.length && last.length < 8) continue;
    const startOffset = (offsets[startLine] ?? 0) + indent.length;
    const endOffset = (offsets[end] ?? 0) + (lines[end]?.length ?? 0);
    return { start: startOffset, end: endOffset };
  }
  return undefined;
}
