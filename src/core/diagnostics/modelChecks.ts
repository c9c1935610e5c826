import { transportFor } from '../completion/fimTransport';
import { check, code } from './diagnosticCheck';
import type { DiagnosticCheck } from './diagnosticCheck';
import type { DiagnosticsSnapshot, SnapshotModel } from './diagnosticsSnapshot';
import { findModel } from '../modelName';

const SUGGESTED_COMPLETION = 'qwen2.5-coder:1.5b-base';
const SUGGESTED_CHAT = 'qwen2.5-coder:7b';

/** The installed models, or the check to report instead (daemon down, list unreadable). */
function installedOr(s: DiagnosticsSnapshot, id: string, title: string): { readonly models: readonly SnapshotModel[] } | { readonly instead: DiagnosticCheck } {
  if (!s.daemon.ok || !s.models) return { instead: check(id, title, 'skip', 'Not checked: Ollama does not answer.') };
  if (!s.models.ok) {
    return {
      instead: check(id, title, 'warn', `The model list could not be read (${s.models.message}).`, 'Run diagnostics again; if it persists, `Hearth: Show Logs` has the details.'),
    };
  }
  return { models: s.models.value };
}

function missing(id: string, title: string, name: string, selectCommand: string, installed: readonly SnapshotModel[]): DiagnosticCheck {
  const none = installed.length === 0 ? ' (it has no models at all yet)' : '';
  return check(id, title, 'fail', `${code(name)} is not installed in Ollama${none}.`,
    `Pull it with \`Hearth: Pull Model\` (or \`ollama pull ${name}\`), or choose an installed model with \`${selectCommand}\`.`);
}

export function completionModelCheck(s: DiagnosticsSnapshot): DiagnosticCheck {
  const id = 'completionModel';
  const title = 'Completion model';
  const select = 'Hearth: Select Completion Model';
  if (!s.settings.completionEnabled) {
    return check(id, title, 'skip', 'Inline completions are off (`hearth.completion.enabled`), so the completion model was not checked.',
      'Turn them on with `Hearth: Toggle Inline Completions`.');
  }
  const installed = installedOr(s, id, title);
  if ('instead' in installed) return installed.instead;
  const name = s.settings.completionModel;
  if (!name) return check(id, title, 'fail', 'No completion model is set.', `Choose one with \`${select}\`, e.g. ${code(SUGGESTED_COMPLETION)}.`);
  const model = findModel(installed.models, name);
  if (!model) return missing(id, title, name, select, installed.models);

  const forced = s.settings.completionTemplate === 'auto' ? undefined : s.settings.completionTemplate;
  const transport = transportFor(model, forced);
  switch (transport.kind) {
    case 'suffix': {
      const inferred = model.capabilitiesReported ? '' : ' (inferred from its template: this Ollama does not report capabilities)';
      return check(id, title, 'pass', `${code(model.name)} fills in the middle with Ollama's \`insert\` capability${inferred}.`);
    }
    case 'raw':
      return check(id, title, 'pass', forced
        ? `${code(model.name)} gets the ${transport.family} fill-in-the-middle template forced by \`hearth.completion.template\` (raw mode).`
        : `${code(model.name)} has no \`insert\` capability; Hearth writes the ${transport.family} fill-in-the-middle template itself (raw mode).`);
    case 'unsupported':
      return check(id, title, 'fail',
        `${code(model.name)} cannot fill in the middle: it has no \`insert\` capability and Hearth knows no FIM template for it, so inline completions cannot work.`,
        `Choose a FIM-capable model with \`${select}\`, e.g. ${code(SUGGESTED_COMPLETION)} (\`Hearth: Pull Model\` installs it), or set \`hearth.completion.template\` if this model is a fine-tune of a known family.`);
    default: {
      const unreachable: never = transport;
      return unreachable;
    }
  }
}

export function chatModelCheck(s: DiagnosticsSnapshot): DiagnosticCheck {
  const id = 'chatModel';
  const title = 'Chat model';
  const select = 'Hearth: Select Chat Model';
  const installed = installedOr(s, id, title);
  if ('instead' in installed) return installed.instead;
  const name = s.settings.chatModel;
  if (!name) return check(id, title, 'fail', 'No chat model is set.', `Choose one with \`${select}\`, e.g. ${code(SUGGESTED_CHAT)}.`);
  const model = findModel(installed.models, name);
  if (!model) return missing(id, title, name, select, installed.models);
  if (model.capabilities.includes('embedding') && !model.capabilities.includes('completion')) {
    return check(id, title, 'fail', `${code(model.name)} is an embedding model: it cannot chat.`, `Choose a chat model with \`${select}\`, e.g. ${code(SUGGESTED_CHAT)}.`);
  }
  const extras = model.capabilities.filter((c) => c === 'tools' || c === 'thinking' || c === 'vision');
  return check(id, title, 'pass', `${code(model.name)} is installed${extras.length > 0 ? ` (${extras.join(', ')})` : ''}.`);
}
