import type { StatusTabState, SetupRoleSummary } from '../../src/shared/statusTab';

/**
 * What a screen reader should hear when the state changes. The Status tab is
 * re-rendered whole, so it cannot be a live region itself (it would read the
 * whole tab on every pull progress line); one short sentence per real change
 * goes to a live region instead. Pure: previous and next state in, text out.
 */
export function announcement(previous: StatusTabState | undefined, next: StatusTabState): string | undefined {
  const said: string[] = [];
  const before = previous?.connection.status;
  const now = next.connection;
  if (before !== now.status) {
    // Another engine names itself in `version` ("vLLM 0.11.0").
    if (now.status === 'connected') said.push(now.notReported ? `Connected to ${now.version}.` : `Connected to Ollama ${now.version}.`);
    if (now.status === 'down') said.push('Ollama is not reachable.');
  }
  for (const role of next.setup.roles) {
    const was = previous?.setup.roles.find((r) => r.role === role.role);
    if (was && !done(was) && done(role)) said.push(`${role.role === 'completion' ? 'Completion' : 'Chat'} model ready.`);
  }
  const running = (s: StatusTabState | undefined): Set<string> => new Set((s?.pulls ?? []).filter((p) => p.status === 'running').map((p) => p.model));
  const was = running(previous);
  const is = running(next);
  for (const model of is) if (!was.has(model)) said.push(`Pulling ${model}.`);
  for (const model of was) {
    if (is.has(model)) continue;
    const failed = next.pulls.find((p) => p.model === model && p.status === 'failed');
    said.push(failed ? `Pull of ${model} failed: ${failed.message}` : `Pull of ${model} ended.`);
  }
  if (previous?.diagnostics?.status === 'running' && next.diagnostics?.status === 'done') said.push(`Diagnostics: ${next.diagnostics.summary}.`);
  return said.length > 0 ? said.join(' ') : undefined;
}

function done(role: SetupRoleSummary): boolean {
  return role.status === 'ready' || role.status === 'off';
}
