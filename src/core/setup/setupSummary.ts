import { isChatModel } from '../chat/chatModels';
import type { CompletionModelFacts } from '../completion/fimTransport';
import { transportFor } from '../completion/fimTransport';
import { findModel, sameModelName } from '../modelName';
import type { FimFamily } from '../fimFamily';
import type { ModelRole, PullChoice, SetupRoleSummary, SetupSummary } from '../../shared/statusTab';
import { recommendedFor } from './recommendedModels';
import { startOllamaSteps } from './startOllamaSteps';
import type { HostFacts } from './startOllamaSteps';

export interface SetupInputs {
  readonly connection: 'connecting' | 'down' | 'connected';
  /** Why it is down (the failure kind, e.g. 'unreachable'). */
  readonly failureKind?: string;
  /** Installed models; only read when connected. */
  readonly models: readonly CompletionModelFacts[];
  readonly completionModel: string;
  readonly chatModel: string;
  readonly completionsEnabled: boolean;
  readonly completionTemplate: 'auto' | FimFamily;
  /** `process.platform` of the extension host. */
  readonly platform: string;
  readonly host: HostFacts;
  /**
   * False for the OpenAI-compatible engine: its server cannot download models
   * and is not installed like Ollama, so neither Pull nor "install Ollama" is offered.
   */
  readonly ollamaEngine?: boolean;
}

/**
 * What stands between the user and working completions and chat, step by
 * step: the daemon, then a model per role. Pure; the Status tab, the
 * walkthrough's context keys and the "Pull" validation all read it.
 */
export function toSetupSummary(inputs: SetupInputs): SetupSummary {
  const start = startOllamaSteps(inputs.platform, inputs.host);
  const base = { platform: start.platform, startSteps: start.steps };
  if (inputs.connection !== 'connected') {
    const notRunning = inputs.connection === 'down' && inputs.failureKind === 'unreachable' && inputs.ollamaEngine !== false;
    return { ...base, needed: inputs.connection === 'down', daemon: inputs.connection, notRunning, roles: [] };
  }
  const roles = [completionRole(inputs), chatRole(inputs)];
  return { ...base, needed: roles.some((r) => !isDone(r)), daemon: 'ready', notRunning: false, roles };
}

export function isDone(role: SetupRoleSummary): boolean {
  return role.status === 'ready' || role.status === 'off';
}

/** The names the view may ask to pull for `role`: exactly what it was offered. */
export function offeredPulls(summary: SetupSummary, role: ModelRole): string[] {
  return summary.roles.find((r) => r.role === role)?.pulls.map((p) => p.name) ?? [];
}

function forcedFamily(inputs: SetupInputs): FimFamily | undefined {
  return inputs.completionTemplate === 'auto' ? undefined : inputs.completionTemplate;
}

/** Can fill in the middle: `insert`, a raw template Hearth knows, or one the user forced. */
function canComplete(model: CompletionModelFacts, forced: FimFamily | undefined): boolean {
  return !isEmbeddingOnly(model) && transportFor(model, forced).kind !== 'unsupported';
}

/** Can chat. Older servers report no capabilities at all: then it is not ruled out. */
function canChat(model: CompletionModelFacts): boolean {
  return !isEmbeddingOnly(model) && (model.capabilities.length === 0 || model.capabilities.includes('completion'));
}

function isEmbeddingOnly(model: CompletionModelFacts): boolean {
  return model.capabilities.includes('embedding') && !model.capabilities.includes('completion');
}

function completionRole(inputs: SetupInputs): SetupRoleSummary {
  const role = 'completion';
  const name = inputs.completionModel;
  if (!inputs.completionsEnabled) {
    return { role, status: 'off', model: name, message: 'Inline completions are turned off (hearth.completion.enabled).', alternatives: [], pulls: [] };
  }
  const forced = forcedFamily(inputs);
  const installed = name ? findModel(inputs.models, name) : undefined;
  if (installed && canComplete(installed, forced)) {
    const how = transportFor(installed, forced).kind === 'suffix' ? "with Ollama's insert capability" : 'through its raw FIM template';
    return { role, status: 'ready', model: installed.name, message: `\`${installed.name}\` fills in the middle ${how}.`, alternatives: [], pulls: [] };
  }
  const message = !name
    ? 'No completion model is set. Inline completions need one that can fill in the middle.'
    : installed
      ? `\`${installed.name}\` cannot fill in the middle: it has no insert capability and Hearth knows no FIM template for it.`
      : `\`${name}\` is not installed in Ollama.`;
  return unresolved(role, !name ? 'unset' : installed ? 'unsuitable' : 'missing', name, message, inputs);
}

function chatRole(inputs: SetupInputs): SetupRoleSummary {
  const role = 'chat';
  const name = inputs.chatModel;
  const installed = name ? findModel(inputs.models, name) : undefined;
  if (installed && canChat(installed)) {
    return { role, status: 'ready', model: installed.name, message: `\`${installed.name}\` is installed.`, alternatives: [], pulls: [] };
  }
  const message = !name
    ? 'No chat model is set.'
    : installed
      ? `\`${installed.name}\` is an embedding model: it cannot chat.`
      : `\`${name}\` is not installed in Ollama.`;
  return unresolved(role, !name ? 'unset' : installed ? 'unsuitable' : 'missing', name, message, inputs);
}

function unresolved(
  role: ModelRole,
  status: 'unset' | 'missing' | 'unsuitable',
  name: string,
  message: string,
  inputs: SetupInputs,
): SetupRoleSummary {
  return { role, status, model: name, message, ...roleChoices(inputs, role) };
}

/**
 * The ways to a model for `role`: installed models that would do, and models
 * to pull (recommended ones not installed yet; a missing configured model first).
 */
export function roleChoices(inputs: SetupInputs, role: ModelRole): { alternatives: string[]; pulls: PullChoice[] } {
  const forced = forcedFamily(inputs);
  // A base model can chat if the user insists, but it is no suggestion: it continues text instead of answering.
  // The chat's model picker lists the same models.
  const fits = role === 'completion' ? (m: CompletionModelFacts): boolean => canComplete(m, forced) : isChatModel;
  const configured = role === 'completion' ? inputs.completionModel : inputs.chatModel;
  const alternatives = inputs.models.filter(fits).map((m) => m.name);
  const isInstalled = (candidate: string): boolean => findModel(inputs.models, candidate) !== undefined;
  const missing = configured !== '' && !isInstalled(configured);
  const pulls: PullChoice[] = [];
  if (inputs.ollamaEngine === false) return { alternatives, pulls };
  for (const r of recommendedFor(role)) {
    if (!isInstalled(r.name)) pulls.push({ name: r.name, sizeBytes: r.sizeBytes, fits: r.fits, note: r.note });
  }
  // The user chose this model: offer it first (with its size when it is one of ours).
  if (missing) {
    const ours = pulls.findIndex((p) => sameModelName(p.name, configured));
    const choice = ours >= 0 ? pulls.splice(ours, 1)[0] : undefined;
    pulls.unshift(choice ?? { name: configured, note: 'The model your settings name.' });
  }
  return { alternatives, pulls };
}
