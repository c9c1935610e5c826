import * as vscode from 'vscode';
import { formatSize } from '../../shared/formatSize';
import type { SetupInputs } from '../../core/setup/setupSummary';
import { roleChoices } from '../../core/setup/setupSummary';
import type { ModelRole } from '../../shared/statusTab';
import { updateUserSetting } from '../../vscode/hearthConfiguration';
import type { ModelPulls } from '../models/modelPulls';

export interface SetupModelDeps {
  readonly inputs: () => SetupInputs;
  readonly pulls: ModelPulls;
  /** Shows the setup steps (the Hearth view's Status tab). */
  readonly showSetup: () => Promise<void>;
}

interface Choice extends vscode.QuickPickItem {
  readonly model?: string;
  readonly pull?: boolean;
}

/**
 * `hearth.setupModel`: a role's model, picked among the installed ones that
 * fit or pulled from the recommended ones (the walkthrough's buttons pass the
 * role). Resolves with the model now set, if any.
 */
export async function setupModel(deps: SetupModelDeps, role: ModelRole): Promise<string | undefined> {
  const inputs = deps.inputs();
  if (inputs.connection !== 'connected') {
    const show = 'Show setup';
    const choice = await vscode.window.showWarningMessage('Hearth: Ollama is not running yet, so no model can be chosen or pulled. Start it first.', show);
    if (choice === show) await deps.showSetup();
    return undefined;
  }
  const current = role === 'completion' ? inputs.completionModel : inputs.chatModel;
  const { alternatives, pulls } = roleChoices(inputs, role);
  const items: Choice[] = [];
  if (alternatives.length > 0) items.push({ label: 'Installed', kind: vscode.QuickPickItemKind.Separator });
  for (const name of alternatives) {
    items.push({ label: name, description: name === current ? 'in use' : '', model: name, picked: name === current });
  }
  if (pulls.length > 0) items.push({ label: 'Download (ollama pull)', kind: vscode.QuickPickItemKind.Separator });
  for (const p of pulls) {
    const facts = [p.sizeBytes !== undefined ? `${formatSize(p.sizeBytes)} download` : undefined, p.fits].filter(Boolean).join(' · ');
    items.push({ label: `$(cloud-download) ${p.name}`, description: facts, detail: p.note, model: p.name, pull: true });
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: role === 'completion' ? 'Hearth: completion model (needs fill-in-the-middle)' : 'Hearth: chat model',
    placeHolder: 'Use an installed model, or download one',
    matchOnDescription: true,
  });
  if (!picked?.model) return undefined;
  if (picked.pull) {
    const outcome = await deps.pulls.pull(picked.model, role);
    return outcome.status === 'pulled' ? picked.model : undefined;
  }
  await updateUserSetting(role === 'completion' ? 'completion.model' : 'chat.model', picked.model);
  return picked.model;
}
