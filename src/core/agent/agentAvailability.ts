import { isChatModel } from '../chat/chatModels';
import type { ConnectionState } from '../connection/connectionMonitor';
import { findModel } from '../modelName';
import { RECOMMENDED_MODELS } from '../setup/recommendedModels';
import { formatSize } from '../../shared/formatSize';
import type { AgentAvailability, AgentModelOffer } from '../../shared/agentView';

export interface AvailabilityInputs {
  readonly trusted: boolean;
  /** A workspace folder the tools can confine to (on disk). */
  readonly hasFolder: boolean;
  readonly connection: ConnectionState;
  /** The conversation's model. */
  readonly model: string;
}

/**
 * Whether Agent mode can be offered, checked in the order the user can fix
 * things: trust first (an untrusted repository gets no agent at all, whatever
 * the model), then a folder to work in, then a model whose /api/show
 * capabilities include `tools`. When the model lacks them, the offers are
 * the installed chat models that have them, else the recommended ones.
 */
export function agentAvailability(inputs: AvailabilityInputs): AgentAvailability {
  const { connection, model } = inputs;
  if (!inputs.trusted) {
    return { available: false, reason: 'untrusted', message: 'Agent mode is off in Restricted Mode: an untrusted repository must not get a tool that reads, writes and runs. Trust the folder to use it.', offers: [] };
  }
  if (!inputs.hasFolder) {
    return { available: false, reason: 'noFolder', message: 'Agent mode works on a workspace folder on disk: open a folder to use it.', offers: [] };
  }
  if (connection.status !== 'connected') {
    return { available: false, reason: 'notConnected', message: 'Agent mode needs Ollama: it is not connected yet.', offers: [] };
  }
  const facts = findModel(connection.models, model);
  if (facts?.capabilities.includes('tools')) return { available: true };
  const installed: AgentModelOffer[] = connection.models
    .filter((m) => isChatModel(m) && m.capabilities.includes('tools'))
    .map((m) => ({ name: m.name, size: formatSize(m.sizeBytes), installed: true }));
  const recommended: AgentModelOffer[] = RECOMMENDED_MODELS.filter((r) => r.role === 'chat').map((r) => ({ name: r.name, size: formatSize(r.sizeBytes), installed: false }));
  const why = facts
    ? `${model} cannot call tools (Ollama does not list "tools" among its capabilities), so it cannot act as an agent.`
    : `${model} is not installed, so Agent mode cannot check that it calls tools.`;
  const offer = installed.length > 0 ? ' Switch to an installed model that can:' : ' Pull a model that can:';
  return { available: false, reason: 'noTools', message: why + offer, offers: installed.length > 0 ? installed : recommended };
}
