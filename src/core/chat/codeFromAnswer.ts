/**
 * Whether `code` (a code block as the view shows it) comes from `answer`
 * (the model's Markdown). Markdown removes the indentation of a fence nested
 * in a list and of indented code blocks, so lines are compared without their
 * leading and trailing whitespace; they must appear in the answer in order,
 * one after another.
 */
export function isCodeFromAnswer(answer: string, code: string): boolean {
  const wanted = normalizedLines(code.replace(/\n+$/, ''));
  if (wanted.length === 0 || wanted.every((l) => l === '')) return false;
  const lines = normalizedLines(answer);
  for (let start = 0; start + wanted.length <= lines.length; start++) {
    let i = 0;
    while (i < wanted.length && lines[start + i] === wanted[i]) i++;
    if (i === wanted.length) return true;
  }
  return false;
}

function normalizedLines(text: string): string[] {
  return text.split('\n').map((l) => l.trim());
}
