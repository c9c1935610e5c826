import { daemonCheck, hostCheck, remoteHostCheck } from './connectionChecks';
import type { DiagnosticCheck } from './diagnosticCheck';
import type { DiagnosticsSnapshot } from './diagnosticsSnapshot';
import { instructionsCheck } from './instructionsCheck';
import { chatModelCheck, completionModelCheck } from './modelChecks';
import { gpuOffloadCheck, keepAliveCheck, latencyChecks, numCtxCheck } from './runtimeChecks';

/** Every check, in the order a user reads them: can Hearth reach Ollama, are the models right, do they run well. */
export function buildDiagnostics(snapshot: DiagnosticsSnapshot): DiagnosticCheck[] {
  return [
    daemonCheck(snapshot),
    hostCheck(snapshot),
    remoteHostCheck(snapshot),
    completionModelCheck(snapshot),
    chatModelCheck(snapshot),
    numCtxCheck(snapshot),
    gpuOffloadCheck(snapshot),
    keepAliveCheck(snapshot),
    ...latencyChecks(snapshot),
    instructionsCheck(snapshot),
  ];
}
