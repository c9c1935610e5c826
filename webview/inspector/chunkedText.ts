// Large prompts render fast: the text is split once at the marked tokens
// (the model's FIM and special tokens), the first slice is drawn at once and
// the rest in later frames, so a megabyte prompt never blocks the page. Every
// piece lands in a text node; nothing is parsed as HTML.

/** Characters drawn per frame. */
const SLICE_CHARS = 32 * 1024;

/** Stops the drawing of a previous text when the page shows another. */
export interface DrawJob {
  cancelled: boolean;
}

export function drawMarkedText(target: HTMLElement, text: string, marks: readonly string[], job: DrawJob): void {
  const pieces = splitAtMarks(text, marks);
  let index = 0;
  const drawSlice = (): void => {
    if (job.cancelled) return;
    const fragment = document.createDocumentFragment();
    let drawn = 0;
    while (index < pieces.length && drawn < SLICE_CHARS) {
      const piece = pieces[index++];
      if (piece === undefined) break;
      if (piece.mark) {
        const mark = document.createElement('mark');
        mark.className = 'fim-token';
        mark.textContent = piece.text;
        fragment.append(mark);
      } else {
        // A long plain run is itself drawn in slices.
        const head = piece.text.slice(0, SLICE_CHARS - drawn);
        fragment.append(document.createTextNode(head));
        if (head.length < piece.text.length) pieces.splice(index, 0, { text: piece.text.slice(head.length), mark: false });
      }
      drawn += piece.text.length;
    }
    target.append(fragment);
    if (index < pieces.length) requestAnimationFrame(drawSlice);
  };
  drawSlice();
}

export interface Piece {
  readonly text: string;
  readonly mark: boolean;
}

/** The text cut at every occurrence of a mark, marks kept as their own pieces. */
export function splitAtMarks(text: string, marks: readonly string[]): Piece[] {
  const usable = marks.filter((m) => m !== '' && text.includes(m));
  if (usable.length === 0) return [{ text, mark: false }];
  // Longest first, so a token that contains another wins.
  const pattern = new RegExp(`(${[...usable].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})`, 'g');
  return text
    .split(pattern)
    .map((part, i) => ({ text: part, mark: i % 2 === 1 }))
    .filter((p) => p.text !== '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
