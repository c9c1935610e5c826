import type { Attachment, StoredAssistantTurn, StoredUserTurn } from '../../../../src/core/chat/conversation';

let next = 0;
export function user(text: string, attachments: Attachment[] = []): StoredUserTurn {
  return { id: `u${++next}`, role: 'user', text, context: attachments.map((a) => a.chip), attachments, createdAt: next };
}

export function answer(text: string, status: StoredAssistantTurn['status'] = 'done'): StoredAssistantTurn {
  return { id: `a${++next}`, role: 'assistant', model: 'llama3.2:3b', text, thinking: '', status, createdAt: next };
}

export function attachment(label: string, text: string, kind: 'selection' | 'visible' | 'file' = 'selection'): Attachment {
  return { chip: { id: `c${++next}`, kind, label, path: label, tokens: Math.ceil(text.length / 4), truncated: false }, languageId: 'typescript', text };
}
