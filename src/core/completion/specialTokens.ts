import type { FimFamily } from '../fimFamily';
import { DEEPSEEK_TOKENS } from './fimTemplates';

// Tokens no source file contains: always removed, whatever model answered.
const UNAMBIGUOUS = [
  '<|endoftext|>',
  '<|fim_prefix|>',
  '<|fim_suffix|>',
  '<|fim_middle|>',
  '<|fim_pad|>',
  '<|repo_name|>',
  '<|file_sep|>',
  '<|file_separator|>',
  '<|im_start|>',
  '<|im_end|>',
  '<|end_of_text|>',
  '<|eot_id|>',
  '<fim_prefix>',
  '<fim_suffix>',
  '<fim_middle>',
  '<fim_pad>',
  '<file_sep>',
  '<repo_name>',
  '<EOT>',
  '[PREFIX]',
  '[SUFFIX]',
  '[MIDDLE]',
  DEEPSEEK_TOKENS.begin,
  DEEPSEEK_TOKENS.hole,
  DEEPSEEK_TOKENS.end,
  DEEPSEEK_TOKENS.endOfSentence,
  DEEPSEEK_TOKENS.beginOfSentence,
];

// `</s>` is HTML's strikethrough and `<PRE>` old upper-case HTML: only treated
// as tokens when the answering model's family uses them.
const AMBIGUOUS: Partial<Record<FimFamily, readonly string[]>> = {
  codellama: ['<PRE>', '<SUF>', '<MID>', '</s>'],
  codestral: ['</s>'],
};

/** The special tokens post-processing removes for a family (all families' when unknown, minus ambiguous ones). */
export function specialTokensFor(family?: FimFamily): readonly string[] {
  return family === undefined ? UNAMBIGUOUS : [...UNAMBIGUOUS, ...(AMBIGUOUS[family] ?? [])];
}

// Markers a model sometimes repeats before its answer; skipping them loses nothing.
const LEADING_MARKERS = ['<|fim_middle|>', '<fim_middle>', '<MID>', '[MIDDLE]', DEEPSEEK_TOKENS.end, DEEPSEEK_TOKENS.beginOfSentence];

/**
 * Removes special tokens. Middle markers before any content are skipped (a
 * model echoing `<|fim_middle|>`); any other token ends the completion, since
 * whatever follows it belongs to another file or turn.
 */
export function stripSpecialTokens(text: string, family?: FimFamily): string {
  const tokens = specialTokensFor(family);
  let rest = text;
  for (;;) {
    const trimmed = rest.trimStart();
    const marker = LEADING_MARKERS.find((t) => trimmed.startsWith(t) && tokens.includes(t));
    if (marker === undefined) break;
    rest = trimmed.slice(marker.length);
  }
  let end = rest.length;
  for (const token of tokens) {
    const at = rest.indexOf(token);
    if (at >= 0 && at < end) end = at;
  }
  return rest.slice(0, end);
}
