import type { Conversation } from './conversation';

/** The conversation as a Markdown document, for "Export as Markdown". */
export function conversationToMarkdown(conversation: Conversation): string {
  const lines: string[] = [`# ${conversation.title}`, '', `_Exported from Hearth. Model: ${conversation.model}. Started ${new Date(conversation.createdAt).toISOString()}._`, ''];
  for (const turn of conversation.turns) {
    if (turn.role === 'user') {
      lines.push('## You', '');
      if (turn.context.length > 0) lines.push(`_Attached: ${turn.context.map((c) => c.label).join(', ')}_`, '');
      lines.push(turn.text, '');
      continue;
    }
    lines.push(`## Hearth (${turn.model})`, '');
    if (turn.thinking.trim() !== '') {
      lines.push('<details><summary>Thinking</summary>', '', turn.thinking.trim(), '', '</details>', '');
    }
    if (turn.text !== '') lines.push(turn.text, '');
    if (turn.status === 'stopped') lines.push('_(stopped)_', '');
    if (turn.status === 'interrupted') lines.push('_(interrupted)_', '');
    if (turn.status === 'error' && turn.error) lines.push(`_Error: ${turn.error.message}_`, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
