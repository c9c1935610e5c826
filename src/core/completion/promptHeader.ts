import type { ContextFile } from './fimTemplates';

/** The AGENTS.md digest never costs a completion prompt more than this. */
export const DIGEST_MAX_CHARS = 600;

export interface PromptHeaderInput {
  /** Compact AGENTS.md digest (plain text); cut to DIGEST_MAX_CHARS on a line boundary. */
  readonly digest?: string;
  /** Files shown as comments, for formats without a file separator. */
  readonly files?: readonly ContextFile[];
  /**
   * Wraps plain text as line comments of the edited file's language (e.g.
   * `asLineComment(text, languageId)`). Without it nothing is rendered: text
   * that is not a comment would read to the model as code to continue.
   */
  readonly comment?: (text: string) => string;
}

/**
 * Comment lines placed at the very top of the prefix. A base model reads them
 * as part of the file, which is the only place it will see them: Ollama drops
 * `system` when `suffix` is used, and raw prompts have no system slot at all.
 * The digest comes first because it changes least, which keeps the prompt head
 * identical between keystrokes for the daemon's KV cache.
 */
export function renderPromptHeader(input: PromptHeaderInput): string {
  const comment = input.comment;
  if (comment === undefined) return '';
  const blocks: string[] = [];
  const digest = clipDigest(input.digest ?? '');
  if (digest !== '') blocks.push(comment(digest));
  for (const file of input.files ?? []) {
    const text = file.text.replace(/\s+$/, '');
    if (text !== '') blocks.push(comment(`${file.path}\n${text}`));
  }
  return blocks.length === 0 ? '' : `${blocks.join('\n')}\n`;
}

/** The digest within its fixed budget, ending on a whole line where one fits. */
export function clipDigest(digest: string, maxChars = DIGEST_MAX_CHARS): string {
  const text = digest.trim();
  if (text.length <= maxChars) return text;
  const cut = text.lastIndexOf('\n', maxChars);
  return (cut > 0 ? text.slice(0, cut) : text.slice(0, maxChars)).trimEnd();
}
