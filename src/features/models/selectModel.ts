import * as vscode from 'vscode';
import { detectFimFamily } from '../../core/fimFamily';
import type { ModelServer } from '../../core/engine/modelServer';
import type { ModelInfo } from '../../core/engine/engineTypes';
import type { ShowFailure } from '../../core/engine/ollamaFailure';
import { updateUserSetting } from '../../vscode/hearthConfiguration';

interface ModelPick extends vscode.QuickPickItem {
  readonly model: string;
}

/**
 * Lets the user choose the completion or chat model from what the daemon has,
 * marking which ones can fill in the middle. Writes the user setting.
 */
export async function selectModel(ollama: Pick<ModelServer, 'listModels'>, role: 'completion' | 'chat', current: string, showFailure: ShowFailure): Promise<string | undefined> {
  const list = await ollama.listModels({ refresh: true });
  if (!list.ok) {
    await showFailure(list.failure);
    return undefined;
  }
  const candidates = list.value.filter((m) => !m.capabilities.includes('embedding'));
  if (candidates.length === 0) {
    void vscode.window.showWarningMessage('Hearth: Ollama has no models installed. Pull one first, e.g. "ollama pull qwen2.5-coder:1.5b-base".');
    return undefined;
  }
  const items = candidates
    .map((m) => toPick(m, role, current))
    .sort((a, b) => Number(b.picked ?? false) - Number(a.picked ?? false) || rank(b) - rank(a));
  const picked = await vscode.window.showQuickPick(items, {
    title: role === 'completion' ? 'Hearth: completion model' : 'Hearth: chat model',
    placeHolder: role === 'completion' ? 'Models that can fill in the middle come first' : 'Choose the model for the chat',
    matchOnDescription: true,
  });
  if (!picked) return undefined;
  await updateUserSetting(role === 'completion' ? 'completion.model' : 'chat.model', picked.model);
  return picked.model;
}

function toPick(m: ModelInfo, role: 'completion' | 'chat', current: string): ModelPick & { fim: boolean } {
  const fim = m.capabilities.includes('insert') || detectFimFamily(m.name) !== undefined;
  const notes: string[] = [m.parameterSize, m.quantization].filter(Boolean);
  if (role === 'completion') notes.push(fim ? (m.capabilities.includes('insert') ? 'fill-in-the-middle' : 'FIM via raw template') : 'no fill-in-the-middle');
  if (m.capabilities.includes('thinking')) notes.push('thinking');
  return {
    label: `${m.name === current ? '$(check) ' : ''}${m.name}`,
    description: notes.join(' · '),
    model: m.name,
    picked: m.name === current,
    fim: role === 'completion' ? fim : true,
  };
}

function rank(p: ModelPick & { fim?: boolean }): number {
  return p.fim ? 1 : 0;
}
