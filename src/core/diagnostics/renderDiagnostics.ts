import type { CheckStatus, DiagnosticCheck } from './diagnosticCheck';

const ICON: Record<CheckStatus, string> = { pass: '✅', warn: '⚠️', fail: '❌', skip: '➖' };

/**
 * The report as Markdown for a bug report: a table of checks, then the fixes.
 * Deterministic: anything about the machine (versions, OS) comes in `about`.
 */
export function renderDiagnosticsMarkdown(checks: readonly DiagnosticCheck[], about: readonly string[] = []): string {
  const lines = ['# Hearth diagnostics', ''];
  if (about.length > 0) lines.push(about.map(cell).join(' · '), '');
  lines.push(`**${summary(checks)}**`, '');
  lines.push('| | Check | Result |', '| :-: | --- | --- |');
  for (const c of checks) lines.push(`| ${ICON[c.status]} | ${cell(c.title)} | ${cell(c.detail)} |`);
  const fixes = checks.filter((c) => c.fix && c.status !== 'pass');
  if (fixes.length > 0) {
    lines.push('', '## What to do', '');
    for (const c of fixes) lines.push(`- ${ICON[c.status]} **${c.title}**: ${oneLine(c.fix ?? '')}`);
  }
  return lines.join('\n') + '\n';
}

/** "1 failed · 2 warnings · 5 passed · 1 skipped", leaving out zero counts. */
export function summary(checks: readonly DiagnosticCheck[]): string {
  const count = (status: CheckStatus): number => checks.filter((c) => c.status === status).length;
  const parts = [
    [count('fail'), 'failed', 'failed'],
    [count('warn'), 'warning', 'warnings'],
    [count('pass'), 'passed', 'passed'],
    [count('skip'), 'skipped', 'skipped'],
  ] as const;
  return parts
    .filter(([n]) => n > 0)
    .map(([n, one, many]) => `${n} ${n === 1 ? one : many}`)
    .join(' · ');
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

/** Table cells cannot hold a pipe or a line break. */
function cell(text: string): string {
  return oneLine(text).replace(/\|/g, '\\|');
}
