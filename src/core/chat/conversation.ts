import type { FileChange } from '../agent/agentTypes';
import type { ChatAssistantTurn, ChatUserTurn, ContextChip } from '../../shared/protocol';

/** A file or part of one, as it was attached to a message: the text goes to the model. */
export interface Attachment {
  readonly chip: ContextChip;
  readonly languageId: string;
  readonly text: string;
}

export interface StoredUserTurn extends ChatUserTurn {
  readonly attachments: readonly Attachment[];
}

/** An answer as kept on disk; an agent run also keeps what Undo needs, which the view never gets. */
export interface StoredAssistantTurn extends ChatAssistantTurn {
  /** Per file the run changed: the text before the run (null: it created the file) and after it. */
  readonly agentChanges?: readonly FileChange[];
  /** Command lines the user allowed for the rest of the conversation (approvalPolicy's keys). */
  readonly agentAllowed?: readonly string[];
}
export type StoredTurn = StoredUserTurn | StoredAssistantTurn;

/** One conversation as it is kept on disk (one JSON file each). */
export interface Conversation {
  readonly version: 1;
  readonly id: string;
  readonly title: string;
  /** A title the user chose is never replaced by the automatic one. */
  readonly titleSetByUser: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** The chat model chosen for this conversation. */
  readonly model: string;
  readonly turns: readonly StoredTurn[];
}

export const UNTITLED = 'New chat';
const TITLE_CHARS = 60;

export function newConversation(id: string, model: string, now: number): Conversation {
  return { version: 1, id, title: UNTITLED, titleSetByUser: false, createdAt: now, updatedAt: now, model, turns: [] };
}

/** The first line of the first message, shortened on a word boundary. */
export function titleFrom(text: string): string {
  const line = text.trim().split('\n', 1)[0]?.replace(/\s+/g, ' ').trim() ?? '';
  if (line === '') return UNTITLED;
  if (line.length <= TITLE_CHARS) return line;
  const cut = line.slice(0, TITLE_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${(space > TITLE_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The conversation as the webview shows it: user turns without the attached text. */
export function toViewTurn(turn: StoredTurn): ChatUserTurn | ChatAssistantTurn {
  if (turn.role === 'assistant') {
    const { agentChanges: _changes, agentAllowed: _allowed, ...view } = turn;
    return view;
  }
  return { id: turn.id, role: 'user', text: turn.text, context: turn.context, createdAt: turn.createdAt };
}
