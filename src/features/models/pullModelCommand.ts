import * as vscode from 'vscode';
import { findModel } from '../../ollama/modelCatalog';
import type { ModelServer } from '../../core/engine/modelServer';
import type { ModelRole } from '../../shared/statusTab';
import { isModelName } from '../../shared/parseWebviewMessage';
import type { HearthSettings } from '../../core/settings/hearthSettings';
import type { ModelPulls } from './modelPulls';
import type { PullOutcome } from './pullModel';

/** Arguments of `hearth.pullModel`; both optional (the palette passes none). */
export interface PullModelArgs {
  readonly model?: string;
  readonly role?: ModelRole;
}

export interface PullModelCommandDeps {
  readonly ollama: Pick<ModelServer, 'cachedModels'>;
  readonly settings: () => HearthSettings;
  readonly pulls: ModelPulls;
}

/**
 * The `hearth.pullModel` handler. Without a model it asks, prefilled with a
 * configured model that is not installed. A second request for a model being
 * pulled joins the first instead of starting a competing download (ModelPulls).
 */
export function pullModelCommand(deps: PullModelCommandDeps): (args?: unknown) => Promise<PullOutcome | undefined> {
  return async (args) => {
    const { model: given, role } = parseArgs(args);
    const model = given ?? (await askForModel(suggestedModel(deps.ollama, deps.settings(), role)));
    if (!model) return undefined;
    return deps.pulls.pull(model, role);
  };
}

/** Command arguments can come from anywhere (webview, keybindings, other extensions): accept only what fits. */
export function parseArgs(args: unknown): PullModelArgs {
  if (typeof args !== 'object' || args === null) return {};
  const { model, role } = args as Record<string, unknown>;
  return {
    ...(typeof model === 'string' && isModelName(model.trim()) ? { model: model.trim() } : {}),
    ...(role === 'completion' || role === 'chat' ? { role } : {}),
  };
}

/** The role's model, else the first configured model the daemon does not have. */
function suggestedModel(ollama: Pick<ModelServer, 'cachedModels'>, settings: HearthSettings, role: ModelRole | undefined): string {
  if (role) return role === 'completion' ? settings.completion.model : settings.chat.model;
  const installed = ollama.cachedModels ?? [];
  const missing = [settings.completion.model, settings.chat.model].find((name) => name && !findModel(installed, name));
  return missing ?? settings.completion.model;
}

async function askForModel(value: string): Promise<string | undefined> {
  const answer = await vscode.window.showInputBox({
    title: 'Hearth: pull a model into Ollama',
    prompt: 'Model name and tag as on ollama.com/library, e.g. qwen2.5-coder:1.5b-base',
    value,
    ignoreFocusOut: true,
    validateInput: (text) => (isModelName(text.trim()) ? undefined : 'A model name such as qwen2.5-coder:7b (no spaces)'),
  });
  const model = answer?.trim();
  return model ? model : undefined;
}
