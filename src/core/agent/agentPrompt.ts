import type { VerifyCommand } from './verifyCommands';

/**
 * The system message of an agent run. Short on purpose: small models follow
 * a few plain rules better than many, and it is sent with every request.
 * The repository's instruction chain comes after Hearth's rules, as in chat,
 * and the commands the nearest AGENTS.md names are offered as the way to check.
 */
export function agentSystemPrompt(instructions: string, verify: readonly VerifyCommand[]): string {
  const parts = [
    "You are Hearth, a coding agent working in the user's workspace through tools.",
    'Work in small steps: look at the files you need (read_file, list_dir, search), change them with edit_file or create_file, then check your work.',
    'Paths are relative to the workspace root. For edit_file, copy old_text exactly from the file as read_file showed it.',
    'Call one tool at a time with the tool-calling format; do not describe a call instead of making it.',
    'If a tool returns an error, fix the call or try another way; never claim success after an error.',
    'When the task is done, answer with a short summary of what you changed and how you checked it.',
  ];
  if (verify.length > 0) {
    const list = verify.map((v) => `- ${v.kind}: \`${v.command}\``).join('\n');
    parts.push(`The repository's AGENTS.md names these commands to verify changes; after editing files, run the relevant ones with run_command:\n${list}`);
  }
  const head = parts.join('\n');
  return instructions.trim() === '' ? head : `${head}\n\nRepository instructions follow; the user's own messages override them.\n\n${instructions.trim()}`;
}
