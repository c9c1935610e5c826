import { documentSpan } from '../../src/core/completion/completionRequest';
import type { CompletionQuery } from '../../src/core/completion/completionRequest';

/** A text document with one cursor, edited the way a user edits one (no auto-closing brackets). */
export class VirtualDocument {
  private lines: string[];
  line = 0;
  character = 0;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    text: string,
  ) {
    this.lines = text.split('\n');
  }

  get text(): string {
    return this.lines.join('\n');
  }

  get offset(): number {
    let offset = 0;
    for (let i = 0; i < this.line; i++) offset += (this.lines[i]?.length ?? 0) + 1;
    return offset + this.character;
  }

  moveTo(offset: number): void {
    let rest = offset;
    for (let i = 0; i < this.lines.length; i++) {
      const length = this.lines[i]?.length ?? 0;
      if (rest <= length) {
        this.line = i;
        this.character = rest;
        return;
      }
      rest -= length + 1;
    }
    this.line = this.lines.length - 1;
    this.character = this.lines[this.line]?.length ?? 0;
  }

  insert(text: string): void {
    const current = this.lines[this.line] ?? '';
    const parts = (current.slice(0, this.character) + text + current.slice(this.character)).split('\n');
    const tail = current.length - this.character;
    this.lines.splice(this.line, 1, ...parts);
    this.line += parts.length - 1;
    this.character = (this.lines[this.line]?.length ?? 0) - tail;
  }

  backspace(count = 1): void {
    for (let i = 0; i < count; i++) {
      if (this.character > 0) {
        const current = this.lines[this.line] ?? '';
        this.lines[this.line] = current.slice(0, this.character - 1) + current.slice(this.character);
        this.character--;
      } else if (this.line > 0) {
        const previous = this.lines[this.line - 1] ?? '';
        this.lines.splice(this.line - 1, 2, previous + (this.lines[this.line] ?? ''));
        this.line--;
        this.character = previous.length;
      }
    }
  }

  /** The whole text before and after the cursor (for the simulated model's keys). */
  around(): { before: string; after: string } {
    const text = this.text;
    const offset = this.offset;
    return { before: text.slice(0, offset), after: text.slice(offset) };
  }

  /** The cursor line with `|` at the cursor. */
  where(): string {
    const line = this.lines[this.line] ?? '';
    return `${line.slice(0, this.character)}|${line.slice(this.character)}`;
  }

  /** What the VS Code adapter hands the pipeline: the span of lines a window can reach (documentSpan). */
  query(explicit: boolean, numCtx: number): CompletionQuery {
    const span = documentSpan({ line: this.line, character: this.character }, this.lines.length, (l) => this.lines[l]?.length ?? 0, numCtx);
    const cursorLine = this.lines[this.line] ?? '';
    const before = this.lines.slice(span.startLine, this.line);
    before.push(cursorLine.slice(0, this.character));
    const after = [cursorLine.slice(this.character), ...this.lines.slice(this.line + 1, span.endLine + 1)];
    return {
      docKey: this.uri,
      docPrefix: before.join('\n'),
      docSuffix: after.join('\n'),
      languageId: this.languageId,
      explicit,
      filePath: this.uri.replace(/^.*\//, ''),
      repoName: 'bench',
    };
  }
}
