/** The chat requests the editor's context menu offers on a selection. */
export type EditorRequest = 'explain' | 'fix' | 'writeTests' | 'addDocs';

/** The message written for the user; the selection travels as an attachment. */
export function editorRequestText(request: EditorRequest, languageName: string): string {
  switch (request) {
    case 'explain':
      return `Explain what the selected ${languageName} code does, step by step, and point out anything surprising.`;
    case 'fix':
      return `Find the bugs in the selected ${languageName} code and fix them. Show the corrected code and say what was wrong.`;
    case 'writeTests':
      return `Write unit tests for the selected ${languageName} code, using the test framework this project already uses. Cover edge cases.`;
    case 'addDocs':
      return `Add documentation comments to the selected ${languageName} code in the idiomatic style for ${languageName}. Return the code with the comments.`;
    default: {
      const unreachable: never = request;
      return unreachable;
    }
  }
}
