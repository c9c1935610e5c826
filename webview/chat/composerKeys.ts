/** The keys of the chat input, decided apart from the DOM so they can be tested. */
export type ComposerKeyAction = 'send' | 'newline' | 'editLast' | 'cancelEdit' | 'none';

export interface ComposerKey {
  readonly key: string;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  /** An IME composition is under way: its Enter confirms the composition. */
  readonly isComposing: boolean;
}

export function composerKeyAction(key: ComposerKey, value: string, editing: boolean): ComposerKeyAction {
  if (key.isComposing) return 'none';
  if (key.key === 'Enter') return key.shiftKey || key.altKey ? 'newline' : 'send';
  if (key.key === 'ArrowUp' && value.length === 0 && !key.shiftKey && !key.altKey && !key.ctrlKey && !key.metaKey) return 'editLast';
  if (key.key === 'Escape' && editing) return 'cancelEdit';
  return 'none';
}

/** Typing `@` at the start of a word opens the file picker (and the `@` stays out of the text). */
export function opensFilePicker(data: string | null, textBeforeCaret: string): boolean {
  return data === '@' && (textBeforeCaret.length === 0 || /\s$/.test(textBeforeCaret));
}
