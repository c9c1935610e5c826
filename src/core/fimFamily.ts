/** Model families whose fill-in-the-middle tokens Hearth knows (raw mode). */
export type FimFamily = 'qwen2.5-coder' | 'codellama' | 'deepseek-coder' | 'starcoder' | 'codestral' | 'codegemma';

// Ordered: more specific names first. Qwen2.5-Coder must not fall through to a
// generic rule (a known mistake elsewhere sends it CodeLlama's format).
const RULES: readonly { readonly family: FimFamily; readonly test: RegExp }[] = [
  { family: 'qwen2.5-coder', test: /(^|\/)qwen(2\.5|3)-coder/i },
  { family: 'deepseek-coder', test: /(^|\/)deepseek-coder(-v2)?/i },
  { family: 'starcoder', test: /(^|\/)starcoder2?/i },
  { family: 'codestral', test: /(^|\/)codestral/i },
  { family: 'codegemma', test: /(^|\/)codegemma/i },
  // Only the *-code tags of CodeLlama are trained for infilling.
  { family: 'codellama', test: /(^|\/)codellama:[^\s]*code/i },
];

/** The FIM family a model name belongs to, if Hearth has a raw template for it. */
export function detectFimFamily(modelName: string): FimFamily | undefined {
  return RULES.find((r) => r.test.test(modelName))?.family;
}
