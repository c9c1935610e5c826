import type { ChatTrim, ChatTurnError, ChatTurnStats, ChatTurnStatus, ContextChip } from '../../shared/protocol';
import { parseAgentRunView, parseAllowedCommands, parseFileChanges } from '../agent/parseAgentTurn';
import type { Attachment, Conversation, StoredTurn } from './conversation';

// A conversation file is read back after crashes, by other versions, or after
// someone edited it: every field is checked, and one bad file never hides the others.

type Json = Record<string, unknown>;

const STATUSES: readonly ChatTurnStatus[] = ['streaming', 'done', 'stopped', 'error', 'interrupted'];
const CHIP_KINDS: readonly ContextChip['kind'][] = ['selection', 'visible', 'file'];

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
const str = (v: unknown): v is string => typeof v === 'string';
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const id = (v: unknown): v is string => str(v) && /^[A-Za-z0-9_-]{1,64}$/.test(v);

function chip(v: unknown): ContextChip | undefined {
  if (!isObject(v) || !id(v.id) || !(CHIP_KINDS as readonly unknown[]).includes(v.kind) || !str(v.label) || !str(v.path) || !num(v.tokens)) return undefined;
  return { id: v.id, kind: v.kind as ContextChip['kind'], label: v.label, path: v.path, tokens: v.tokens, truncated: v.truncated === true };
}

function attachment(v: unknown): Attachment | undefined {
  if (!isObject(v) || !str(v.languageId) || !str(v.text)) return undefined;
  const c = chip(v.chip);
  return c ? { chip: c, languageId: v.languageId, text: v.text } : undefined;
}

function all<T>(values: unknown, parse: (v: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(values)) return undefined;
  const out: T[] = [];
  for (const v of values) {
    const parsed = parse(v);
    if (parsed === undefined) return undefined;
    out.push(parsed);
  }
  return out;
}

function turnError(v: unknown): ChatTurnError | undefined {
  if (!isObject(v) || !str(v.message) || !Array.isArray(v.actions)) return undefined;
  const actions = v.actions.filter((a): a is ChatTurnError['actions'][number] => isObject(a) && str(a.id) && str(a.label));
  return { message: v.message, actions };
}

function stats(v: unknown): ChatTurnStats | undefined {
  if (!isObject(v) || !num(v.promptTokens) || !num(v.evalTokens) || !num(v.totalMs)) return undefined;
  return { promptTokens: v.promptTokens, evalTokens: v.evalTokens, totalMs: v.totalMs, ...(num(v.tokensPerSecond) ? { tokensPerSecond: v.tokensPerSecond } : {}) };
}

/** A trim note that does not parse is dropped, not the conversation: it only explains the answer. */
function trim(v: unknown): ChatTrim | undefined {
  if (!isObject(v) || !num(v.contextTokens) || !num(v.droppedTurns) || !Array.isArray(v.attachments) || !v.attachments.every(str)) return undefined;
  return { contextTokens: v.contextTokens, droppedTurns: v.droppedTurns, attachments: v.attachments, instructions: v.instructions === true };
}

function turn(v: unknown): StoredTurn | undefined {
  if (!isObject(v) || !id(v.id) || !str(v.text) || !num(v.createdAt)) return undefined;
  if (v.role === 'user') {
    const context = all(v.context, chip);
    const attachments = all(v.attachments ?? [], attachment);
    if (!context || !attachments) return undefined;
    return { id: v.id, role: 'user', text: v.text, context, attachments, createdAt: v.createdAt };
  }
  if (v.role !== 'assistant' || !str(v.model) || !(STATUSES as readonly unknown[]).includes(v.status)) return undefined;
  const error = v.error === undefined ? undefined : turnError(v.error);
  const s = v.stats === undefined ? undefined : stats(v.stats);
  const t = v.trim === undefined ? undefined : trim(v.trim);
  const agent = v.agent === undefined ? undefined : parseAgentRunView(v.agent);
  const changes = v.agentChanges === undefined ? undefined : parseFileChanges(v.agentChanges);
  const allowed = v.agentAllowed === undefined ? undefined : parseAllowedCommands(v.agentAllowed);
  return {
    id: v.id,
    role: 'assistant',
    model: v.model,
    text: v.text,
    thinking: str(v.thinking) ? v.thinking : '',
    status: v.status as ChatTurnStatus,
    createdAt: v.createdAt,
    ...(error ? { error } : {}),
    ...(s ? { stats: s } : {}),
    ...(t ? { trim: t } : {}),
    ...(agent ? { agent } : {}),
    ...(changes ? { agentChanges: changes } : {}),
    ...(allowed ? { agentAllowed: allowed } : {}),
  };
}

/** The conversation in `value`, or undefined when anything in it is malformed. */
export function parseConversation(value: unknown): Conversation | undefined {
  if (!isObject(value) || value.version !== 1 || !id(value.id) || !str(value.title) || !num(value.createdAt) || !num(value.updatedAt) || !str(value.model)) {
    return undefined;
  }
  const turns = all(value.turns, turn);
  if (!turns) return undefined;
  return {
    version: 1,
    id: value.id,
    title: value.title,
    titleSetByUser: value.titleSetByUser === true,
    createdAt: value.createdAt,
    updatedAt: value.updatedAt,
    model: value.model,
    turns,
  };
}
