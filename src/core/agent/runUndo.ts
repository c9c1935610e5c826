import type { FileChange } from './agentTypes';
import { ToolFailure } from './agentTypes';
import type { AgentWorkspace } from './agentPorts';

/**
 * Undoes a run: each file it changed gets back the exact text it had before
 * the run, each file it created is deleted. A file edited since the run (by
 * the user or another run) is left as it is and named, so Undo never throws
 * away work done after the run. Later changes are undone first.
 */
export async function undoChanges(workspace: AgentWorkspace, changes: readonly FileChange[], signal: AbortSignal): Promise<string[]> {
  const problems: string[] = [];
  for (const change of [...changes].reverse()) {
    try {
      const now = await workspace.executor.readText(change.path, signal);
      if (!now.exists) {
        // Deleted since: a created file is gone already; a changed one gets its old text back.
        if (change.before !== null) await workspace.executor.writeText(change.path, change.before, undefined, signal);
        continue;
      }
      if (now.text !== change.after) {
        problems.push(`${change.path} changed after the run, so it was left as it is.`);
        continue;
      }
      if (change.before === null) await workspace.removeFile(change.path, change.after, signal);
      else await workspace.executor.writeText(change.path, change.before, change.after, signal);
    } catch (error) {
      if (!(error instanceof ToolFailure)) throw error;
      problems.push(`${change.path}: ${error.message}`);
    }
  }
  return problems;
}
