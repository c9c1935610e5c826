import * as vscode from 'vscode';
import type { AgentRuntime, AgentSettings, AgentWorkspace } from '../../core/agent/agentPorts';
import type { DiagnosticItem } from '../../core/agent/agentTypes';
import type { Disposable } from '../../core/emitter';
import type { ModelServer } from '../../core/engine/modelServer';
import type { HearthConfiguration } from '../../vscode/hearthConfiguration';
import { DiskToolExecutor } from '../../vscode/agent/diskToolExecutor';
import { AgentDiffDocuments } from './agentDiffDocuments';
import { searchWorkspace } from './workspaceSearch';

export interface AgentFeatureDeps {
  readonly ollama: Pick<ModelServer, 'chatWithTools'>;
  readonly config: HearthConfiguration;
  /** The chat's hold on the daemon (the GPU arbiter): agent requests take the same one. */
  readonly beginChatStream: () => Disposable;
}

/**
 * Agent mode's VS Code side: the tools over the first workspace folder (on
 * disk, confined by real path), Workspace Trust, the hearth.agent.* settings
 * and the diff editor. The chat runs the agent (core/agent/agentTurns.ts)
 * with the runtime built here; the Chat tab's Agent switch, cards and
 * approvals reach it through the chat's messages.
 */
export class AgentFeature implements vscode.Disposable {
  readonly runtime: AgentRuntime;
  private readonly diffs = new AgentDiffDocuments();
  private cached: { readonly root: string; readonly workspace: AgentWorkspace } | undefined;

  constructor(deps: AgentFeatureDeps) {
    const { config } = deps;
    this.runtime = {
      server: deps.ollama,
      beginChatStream: deps.beginChatStream,
      trusted: () => vscode.workspace.isTrusted,
      workspace: () => this.workspace(),
      settings: (): AgentSettings => {
        const a = config.settings.agent;
        return { maxSteps: a.maxSteps, tokenBudget: a.tokenBudget, autoApproveEdits: a.autoApproveEdits, commandTimeoutMs: a.commandTimeoutSeconds * 1000, commandOutputChars: a.commandOutputChars };
      },
      showDiff: (path, before, after, title) => this.diffs.show(path, before, after, title),
    };
  }

  /** The first workspace folder, when it is on disk and the workspace is trusted; undefined otherwise (no agent). */
  private workspace(): AgentWorkspace | undefined {
    if (!vscode.workspace.isTrusted) return undefined;
    const folder = vscode.workspace.workspaceFolders?.[0];
    // Links can be resolved (and so confined) only on disk; other file systems get no agent.
    if (folder?.uri.scheme !== 'file') return undefined;
    const root = folder.uri.fsPath;
    if (this.cached?.root === root) return this.cached.workspace;
    const executor: DiskToolExecutor = new DiskToolExecutor(root, {
      search: (query, signal) => searchWorkspace({ folder: folder.uri, readText: (p) => executor.readText(p) }, query, signal),
      diagnostics: (relPath) => vscode.languages.getDiagnostics(vscode.Uri.joinPath(folder.uri, relPath)).map(toItem),
    });
    const workspace: AgentWorkspace = { root, executor, removeFile: (path, expected) => executor.removeFile(path, expected) };
    this.cached = { root, workspace };
    return workspace;
  }

  dispose(): void {
    this.diffs.dispose();
  }
}

const SEVERITIES: Record<vscode.DiagnosticSeverity, DiagnosticItem['severity']> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

function toItem(d: vscode.Diagnostic): DiagnosticItem {
  return { line: d.range.start.line + 1, severity: SEVERITIES[d.severity], message: d.message, ...(d.source ? { source: d.source } : {}) };
}
