// Every codicon the view uses. The build subsets the codicon font to exactly
// these glyphs (scripts/buildCodicons.mjs reads this list), so an icon missing
// here shows as nothing: add it here first.
export const CODICONS = [
  'account',
  'add',
  'attach',
  'book',
  'check',
  'chevron-down',
  'chevron-right',
  'close',
  'comment-discussion',
  'copy',
  'debug-stop',
  'edit',
  'error',
  'export',
  'eye',
  'file',
  'gear',
  'git-compare',
  'history',
  'info',
  'insert',
  'lightbulb',
  'list-selection',
  'loading',
  'new-file',
  'refresh',
  'rename',
  'search',
  'send',
  'sparkle',
  'trash',
  'warning',
] as const;

export type Codicon = (typeof CODICONS)[number];
