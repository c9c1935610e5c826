/** A key the typist presses in the editor: one printable character, Enter or Backspace. */
export type EditorKey = string;
export const ENTER = 'Enter';
export const BACKSPACE = 'Backspace';

/** 1-based, as the editor's Go to Line box and status bar count. */
export interface LineColumn {
  readonly line: number;
  readonly column: number;
}

/** The document around the cursor. */
export interface DocState {
  readonly prefix: string;
  readonly suffix: string;
}

/** What one key did to the text, for the simulated benchmark's virtual document. */
export type TextEdit = { readonly kind: 'insert'; readonly text: string } | { readonly kind: 'backspace' };

/**
 * The text and cursor as VS Code holds them with the benchmark's editor
 * settings (runBench's EDITOR_SETTINGS): no auto-closing or auto-surround,
 * `autoIndent: keep` (Enter copies the cursor line's indentation, nothing
 * more), `useTabStops: false` (Backspace deletes one character), and no
 * trimming of auto-inserted whitespace. The generator scripts keys against
 * it, so the document in the real editor must end up as its text.
 */
export class EditorModel {
  private body: string;
  private cursor: number;

  constructor(text: string, at: LineColumn = { line: 1, column: 1 }) {
    this.body = text;
    this.cursor = 0;
    this.moveTo(at);
  }

  get text(): string {
    return this.body;
  }

  get offset(): number {
    return this.cursor;
  }

  get state(): DocState {
    return { prefix: this.body.slice(0, this.cursor), suffix: this.body.slice(this.cursor) };
  }

  get position(): LineColumn {
    const before = this.body.slice(0, this.cursor);
    const lineStart = before.lastIndexOf('\n') + 1;
    return { line: before.split('\n').length, column: this.cursor - lineStart + 1 };
  }

  /** The text before the cursor on its line. */
  get lineBefore(): string {
    return this.body.slice(this.body.lastIndexOf('\n', this.cursor - 1) + 1, this.cursor);
  }

  moveTo(at: LineColumn): void {
    const lines = this.body.split('\n');
    if (at.line < 1 || at.line > lines.length) throw new Error(`line ${at.line} is outside 1..${lines.length}`);
    const length = lines[at.line - 1]?.length ?? 0;
    if (at.column < 1 || at.column > length + 1) throw new Error(`column ${at.column} is outside line ${at.line} (1..${length + 1})`);
    let offset = 0;
    for (let i = 0; i < at.line - 1; i++) offset += (lines[i]?.length ?? 0) + 1;
    this.cursor = offset + at.column - 1;
  }

  /** Where the cursor stands right after the first occurrence of `anchor`. */
  positionAfter(anchor: string): LineColumn {
    const at = this.body.indexOf(anchor);
    if (at < 0) throw new Error(`anchor not found: ${JSON.stringify(anchor)}`);
    const before = this.body.slice(0, at + anchor.length);
    return { line: before.split('\n').length, column: before.length - before.lastIndexOf('\n') };
  }

  press(key: EditorKey): TextEdit {
    if (key === BACKSPACE) {
      if (this.cursor > 0) {
        this.body = this.body.slice(0, this.cursor - 1) + this.body.slice(this.cursor);
        this.cursor--;
      }
      return { kind: 'backspace' };
    }
    // autoIndent "keep": the new line gets the cursor line's leading whitespace, cut at the cursor.
    const text = key === ENTER ? `\n${/^[ \t]*/.exec(this.lineBefore)?.[0] ?? ''}` : key;
    if (key !== ENTER && [...key].length !== 1) throw new Error(`not a key: ${JSON.stringify(key)}`);
    this.body = this.body.slice(0, this.cursor) + text + this.body.slice(this.cursor);
    this.cursor += text.length;
    return { kind: 'insert', text };
  }
}
