import { daemonCheck, hostCheck, remoteHostCheck } from './connectionChecks';
import { check } from './diagnosticCheck';
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
    // GPU offload and keep_alive come from Ollama's /api/ps and options; another engine says what it lacks instead.
    ...(snapshot.settings.notReported?.length ? [engineLimitsCheck(snapshot.settings.notReported)] : [gpuOffloadCheck(snapshot), keepAliveCheck(snapshot)]),
    ...latencyChecks(snapshot),
    instructionsCheck(snapshot),
  ];
}

/** The OpenAI-compatible engine: what Hearth cannot check there, said once instead of checks that would pass on empty data. */
function engineLimitsCheck(notReported: readonly string[]): DiagnosticCheck {
  return check('engineLimits', 'What this engine does not report', 'skip', `An OpenAI-compatible server does not report: ${notReported.join('; ')}.`,
    'Check GPU memory and loaded models on the server itself (e.g. `nvidia-smi`, the server log).');
}
