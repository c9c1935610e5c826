// The webview is untrusted: a message is only ever handled as one of
// WebviewToHost once parseWebviewMessage has accepted it, field by field.
import { ACTION_IDS } from './actions';
import type { ActionId } from './actions';
import { AGENT_DECISIONS, CHAT_MODES } from './agentView';
import { DIAGNOSTICS_ACTIONS, INSPECTOR_ENTRY_ACTIONS, MAX_CHAT_TEXT, MAX_CODE_TEXT, SETUP_ACTIONS, isCodeAction } from './protocol';
import type { DiagnosticsAction, InspectorEntryAction, InspectorToHost, SetupAction, WebviewToHost } from './protocol';

const MAX_MODEL_NAME = 256;
const MAX_HREF = 2048;
const MAX_LANGUAGE = 64;

/** Model names are registry references: no whitespace (of any script) or control characters. */
export function isModelName(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_MODEL_NAME) return false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f || /\s/.test(value[i] ?? '')) return false;
  }
  return true;
}

/** Ids the host generated: conversations, turns, chips. */
function isId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value);
}

/** Agent step ids count up from 1 within a run. */
function isStepId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function isText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max && !value.includes('\u0000');
}

function isNonEmptyText(value: unknown, max: number): value is string {
  return isText(value, max) && value.trim().length > 0;
}

/** Returns the message if it is exactly one of WebviewToHost, else undefined. */
export function parseWebviewMessage(value: unknown): WebviewToHost | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const m = value as Record<string, unknown>;
  const keys = Object.keys(m);
  const only = (...allowed: string[]): boolean => keys.every((k) => k === 'type' || allowed.includes(k));
  switch (m.type) {
    case 'ready':
    case 'refreshModels':
    case 'manageTrust':
    case 'showEffectiveInstructions':
    case 'createAgentsMd':
    case 'chatStop':
    case 'chatNew':
    case 'chatAttachFile':
      return only() ? { type: m.type } : undefined;
    case 'openInstructionFile':
      // Only a shape check here; the host also requires the path to be one it listed.
      return only('path') && isText(m.path, 1024) && m.path.length > 0 ? { type: 'openInstructionFile', path: m.path } : undefined;
    case 'setModel':
      return only('role', 'model') && (m.role === 'completion' || m.role === 'chat') && isModelName(m.model)
        ? { type: 'setModel', role: m.role, model: m.model }
        : undefined;
    case 'pullForRole':
      return only('role', 'model') && (m.role === 'completion' || m.role === 'chat') && isModelName(m.model)
        ? { type: 'pullForRole', role: m.role, model: m.model }
        : undefined;
    case 'cancelPull':
      return only('model') && isModelName(m.model) ? { type: 'cancelPull', model: m.model } : undefined;
    case 'diagnostics':
      return only('action') && (DIAGNOSTICS_ACTIONS as readonly unknown[]).includes(m.action)
        ? { type: 'diagnostics', action: m.action as DiagnosticsAction }
        : undefined;
    case 'setupAction':
      return only('action') && (SETUP_ACTIONS as readonly unknown[]).includes(m.action)
        ? { type: 'setupAction', action: m.action as SetupAction }
        : undefined;
    case 'runAction':
      return only('action') && typeof m.action === 'string' && (ACTION_IDS as readonly string[]).includes(m.action)
        ? { type: 'runAction', action: m.action as ActionId }
        : undefined;
    case 'chatSend':
      return only('text') && isNonEmptyText(m.text, MAX_CHAT_TEXT) ? { type: 'chatSend', text: m.text } : undefined;
    case 'chatRegenerate':
      return only('turnId') && isId(m.turnId) ? { type: m.type, turnId: m.turnId } : undefined;
    case 'inspectTurn':
      if (m.step === undefined) return only('turnId') && isId(m.turnId) ? { type: m.type, turnId: m.turnId } : undefined;
      return only('turnId', 'step') && isId(m.turnId) && isStepId(m.step) ? { type: m.type, turnId: m.turnId, step: m.step } : undefined;
    case 'chatEditResend':
      return only('turnId', 'text') && isId(m.turnId) && isNonEmptyText(m.text, MAX_CHAT_TEXT)
        ? { type: 'chatEditResend', turnId: m.turnId, text: m.text }
        : undefined;
    case 'chatOpen':
    case 'chatRename':
    case 'chatDelete':
    case 'chatExport':
      return only('conversationId') && isId(m.conversationId) ? { type: m.type, conversationId: m.conversationId } : undefined;
    case 'chatSetModel':
      return only('model') && isModelName(m.model) ? { type: 'chatSetModel', model: m.model } : undefined;
    case 'chatRemoveContext':
      return only('chipId') && isId(m.chipId) ? { type: 'chatRemoveContext', chipId: m.chipId } : undefined;
    case 'chatCodeAction':
      return only('action', 'turnId', 'code', 'language') &&
        isCodeAction(m.action) &&
        isId(m.turnId) &&
        isNonEmptyText(m.code, MAX_CODE_TEXT) &&
        typeof m.language === 'string' &&
        /^[\w+#.-]{0,64}$/.test(m.language) &&
        m.language.length <= MAX_LANGUAGE
        ? { type: 'chatCodeAction', action: m.action, turnId: m.turnId, code: m.code, language: m.language }
        : undefined;
    case 'chatOpenLink':
      return only('href') && isNonEmptyText(m.href, MAX_HREF) ? { type: 'chatOpenLink', href: m.href } : undefined;
    case 'chatSetMode':
      return only('mode') && (CHAT_MODES as readonly unknown[]).includes(m.mode) ? { type: 'chatSetMode', mode: m.mode as (typeof CHAT_MODES)[number] } : undefined;
    case 'chatAgentDecide':
      return only('turnId', 'stepId', 'decision') && isId(m.turnId) && isStepId(m.stepId) && (AGENT_DECISIONS as readonly unknown[]).includes(m.decision)
        ? { type: 'chatAgentDecide', turnId: m.turnId, stepId: m.stepId, decision: m.decision as (typeof AGENT_DECISIONS)[number] }
        : undefined;
    case 'chatAgentDiff':
      return only('turnId', 'stepId', 'path') && isId(m.turnId) && (m.stepId === 0 || isStepId(m.stepId)) && isText(m.path, MAX_HREF)
        ? { type: 'chatAgentDiff', turnId: m.turnId, stepId: m.stepId, path: m.path }
        : undefined;
    case 'chatAgentUndo':
      return only('turnId') && isId(m.turnId) ? { type: 'chatAgentUndo', turnId: m.turnId } : undefined;
    default:
      return undefined;
  }
}

/** The Inspector's messages, checked the same way: exactly one of InspectorToHost, or undefined. */
export function parseInspectorMessage(value: unknown): InspectorToHost | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const m = value as Record<string, unknown>;
  const keys = Object.keys(m);
  const only = (...allowed: string[]): boolean => keys.every((k) => k === 'type' || allowed.includes(k));
  switch (m.type) {
    case 'inspectorReady':
    case 'inspectorClear':
      return only() ? { type: m.type } : undefined;
    case 'inspectorEntry':
      return only('action', 'id') && (INSPECTOR_ENTRY_ACTIONS as readonly unknown[]).includes(m.action) && Number.isSafeInteger(m.id) && (m.id as number) > 0
        ? { type: 'inspectorEntry', action: m.action as InspectorEntryAction, id: m.id as number }
        : undefined;
    default:
      return undefined;
  }
}
