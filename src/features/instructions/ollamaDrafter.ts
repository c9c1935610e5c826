import { findModel } from '../../core/modelName';
import type { ModelServer } from '../../core/engine/modelServer';
import type { ConnectionMonitor } from '../../core/connection/connectionMonitor';
import type { AgentsMdDrafter } from './createAgentsMd';

/** Drafts AGENTS.md with the configured chat model, when it is installed. */
export function ollamaDrafter(ollama: ModelServer, monitor: ConnectionMonitor, chatModel: () => string): AgentsMdDrafter {
  return {
    availableModel: () => {
      const state = monitor.state;
      const model = chatModel();
      return Promise.resolve(state.status === 'connected' && model && findModel(state.models, model) ? model : undefined);
    },
    async *draft(prompt, signal) {
      for await (const event of ollama.chat({ model: chatModel(), messages: [{ role: 'user', content: prompt }], think: false }, signal, { kind: 'chat', originId: 'agents-md-draft' })) {
        if (event.kind === 'text') yield event.text;
      }
    },
  };
}
