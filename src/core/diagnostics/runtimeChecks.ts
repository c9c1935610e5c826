import { describeCpuShare, formatSize } from '../../shared/formatSize';
import { check, code } from './diagnosticCheck';
import type { DiagnosticCheck } from './diagnosticCheck';
import type { DiagnosticsSnapshot, LatencyProbe, ModelUse, SnapshotLoadedModel } from './diagnosticsSnapshot';
import { findNamed, sameModelName } from './modelNames';

// Below these, inline completions feel laggy: a suggestion should arrive while
// the user still pauses, and a few lines should not take seconds to stream.
const COMPLETION_MAX_WARM_FIRST_TOKEN_MS = 1_500;
const COMPLETION_MIN_TOKENS_PER_SECOND = 15;
// Slower than reading speed makes the chat painful.
const CHAT_MIN_TOKENS_PER_SECOND = 5;

const DAEMON_DOWN = 'Not checked: Ollama does not answer.';

/** The configured models (one entry when chat and completion share a model). */
function configuredModels(s: DiagnosticsSnapshot): string[] {
  const names = [s.settings.completionEnabled ? s.settings.completionModel : '', s.settings.chatModel].filter(Boolean);
  return names.filter((name, i) => names.findIndex((other) => sameModelName(other, name)) === i);
}

/**
 * One num_ctx for both uses of a model (a different one reloads it), within
 * what the model supports, and matching how the daemon has it loaded now.
 */
export function numCtxCheck(s: DiagnosticsSnapshot): DiagnosticCheck {
  const id = 'numCtx';
  const title = 'Context size (`num_ctx`)';
  if (!s.daemon.ok) return check(id, title, 'skip', DAEMON_DOWN);
  const numCtx = s.settings.numCtx;
  const installed = s.models?.ok ? s.models.value : [];
  const names = configuredModels(s);
  const details: string[] = [];
  const fixes: string[] = [];

  if (!names.some((name) => findNamed(installed, name))) {
    return check(id, title, 'skip', 'None of the configured models is installed.');
  }
  const known = names.flatMap((name) => {
    const m = findNamed(installed, name);
    return m?.contextLength !== undefined ? [{ name: m.name, contextLength: m.contextLength }] : [];
  });
  const tooLong = known.filter((m) => numCtx > m.contextLength);
  for (const m of tooLong) {
    details.push(`${code(m.name)} supports ${m.contextLength} tokens, fewer than \`num_ctx\` ${numCtx}: Ollama caps the context there, and prompts Hearth budgets for ${numCtx} tokens are cut.`);
  }
  if (tooLong.length > 0) fixes.push(`Set \`hearth.ollama.numCtx\` to ${Math.min(...tooLong.map((m) => m.contextLength))} or less.`);

  const loaded = s.loaded?.ok ? s.loaded.value : [];
  for (const name of names) {
    const entry = findNamed(loaded, name);
    if (entry?.contextLength === undefined) continue;
    const trained = findNamed(installed, name)?.contextLength;
    const expected = trained !== undefined ? Math.min(numCtx, trained) : numCtx;
    if (entry.contextLength === expected) continue;
    details.push(`${code(entry.name)} is loaded with context length ${entry.contextLength}, but Hearth asks for ${expected}: its next request reloads the model, and whoever loaded it with ${entry.contextLength} (another client, or an earlier setting) reloads it back.`);
    fixes.push(`Use one \`num_ctx\` everywhere: set \`hearth.ollama.numCtx\` to ${entry.contextLength}, or make the other client ask for ${numCtx} (for the Ollama CLI and many tools: \`OLLAMA_CONTEXT_LENGTH=${numCtx}\` in the daemon's environment).`);
  }
  if (details.length > 0) return check(id, title, 'warn', details.join(' '), fixes.join(' '));

  const shared = s.settings.completionEnabled && s.settings.completionModel && sameModelName(s.settings.completionModel, s.settings.chatModel);
  if (shared) {
    return check(id, title, 'pass',
      `Completion and chat both use ${code(s.settings.chatModel)} with \`num_ctx\` ${numCtx} (one setting), so switching between them never reloads it.`);
  }
  const lengths = known.map((m) => `${code(m.name)}: ${m.contextLength}`);
  return check(id, title, 'pass',
    `\`num_ctx\` ${numCtx} for every request${lengths.length > 0 ? `, within each model's context length (${lengths.join(', ')})` : ''}.`);
}

/** A model partly in system memory generates several times slower. */
export function gpuOffloadCheck(s: DiagnosticsSnapshot): DiagnosticCheck {
  const id = 'gpuOffload';
  const title = 'GPU memory';
  if (!s.daemon.ok) return check(id, title, 'skip', DAEMON_DOWN);
  const before = s.loaded;
  const after = s.loadedAfterProbe ?? before;
  if (!after || !after.ok) {
    const message = after && !after.ok ? after.message : 'not asked';
    return check(id, title, 'warn', `The loaded models (/api/ps) could not be read (${message}).`, 'Run diagnostics again; `ollama ps` shows the same.');
  }
  // After the probe for the models it loaded; the others as they were found.
  const models: SnapshotLoadedModel[] = [...after.value];
  for (const m of before?.ok ? before.value : []) if (!findNamed(models, m.name)) models.push(m);
  if (models.length === 0) return check(id, title, 'skip', 'No model is loaded, so where models run is not known.');

  const partial = models.filter((m) => m.sizeVramBytes < m.sizeBytes);
  if (partial.length === 0) {
    return check(id, title, 'pass', `Fully in GPU memory: ${models.map((m) => `${code(m.name)} (${formatSize(m.sizeBytes)})`).join(', ')}.`);
  }
  const detail = partial.map((m) => `${code(m.name)} is ${describeCpuShare(m.sizeBytes, m.sizeVramBytes) ?? 'in GPU memory'}.`);
  const noGpu = partial.every((m) => m.sizeVramBytes <= 0)
    ? ' If no GPU is used at all, check the GPU driver and the Ollama server log (it names the inference device at start).'
    : '';
  return check(id, title, 'warn', `${detail.join(' ')} Generation is several times slower than fully on the GPU.`,
    `Use a smaller model or quantization, lower \`hearth.ollama.numCtx\` (the context takes GPU memory too), or unload other models (\`ollama stop <model>\`).${noGpu}`);
}

/** keep_alive 0 unloads after every request: each completion would pay the whole load. */
export function keepAliveCheck(s: DiagnosticsSnapshot): DiagnosticCheck {
  const id = 'keepAlive';
  const title = 'Models stay loaded (`keep_alive`)';
  const value = s.settings.keepAlive.trim();
  if (/^0+(\.0+)?(ms|s|m|h)?$/.test(value)) {
    return check(id, title, 'warn', '`hearth.ollama.keepAlive` is 0: Ollama unloads the model after every request, so each one pays the full load time.',
      'Set `hearth.ollama.keepAlive` to a duration such as `30m` (the default).');
  }
  if (value.startsWith('-')) return check(id, title, 'pass', 'Models stay loaded until Ollama stops (`hearth.ollama.keepAlive` is negative).');
  return check(id, title, 'pass', `Models stay loaded for ${code(value || '5m')} after Hearth's last request.`);
}

/** One check per probed model: load time, time to first token and tokens per second from the daemon's own durations. */
export function latencyChecks(s: DiagnosticsSnapshot): DiagnosticCheck[] {
  if (!s.daemon.ok) return [check('latency', 'Latency', 'skip', DAEMON_DOWN)];
  if (s.probes.length === 0) return [check('latency', 'Latency', 'skip', 'No configured model is installed, so none was timed.')];
  return s.probes.map(latencyCheck);
}

function latencyCheck(probe: LatencyProbe): DiagnosticCheck {
  const id = `latency:${probe.model}`;
  const title = `Latency of ${code(probe.model)} (${probe.uses.join(' + ')})`;
  if (!probe.result.ok) {
    return check(id, title, 'fail', `A short generation failed: ${probe.result.message}`,
      '`Hearth: Show Logs` has the request; the Ollama server log says why a model fails to load (often not enough memory).');
  }
  const { loadMs, promptEvalMs, evalTokens, evalMs } = probe.result.value;
  // The first token costs the prompt evaluation plus one token's generation.
  const perToken = evalTokens > 0 ? evalMs / evalTokens : 0;
  const warmFirstToken = promptEvalMs + perToken;
  const tokensPerSecond = evalMs > 0 ? (evalTokens * 1000) / evalMs : undefined;
  const detail =
    `Load ${ms(loadMs)}, first token after ${ms(loadMs + warmFirstToken)} (${ms(warmFirstToken)} once loaded), ` +
    `${tokensPerSecond !== undefined ? `${tokensPerSecond.toFixed(1)} tokens/s` : 'no tokens generated'}.`;
  const slow: string[] = [];
  if (probe.uses.includes('completion')) {
    if (warmFirstToken > COMPLETION_MAX_WARM_FIRST_TOKEN_MS) slow.push(`the first token takes over ${ms(COMPLETION_MAX_WARM_FIRST_TOKEN_MS)}`);
    if (tokensPerSecond !== undefined && tokensPerSecond < COMPLETION_MIN_TOKENS_PER_SECOND) slow.push(`under ${COMPLETION_MIN_TOKENS_PER_SECOND} tokens/s`);
  }
  if (probe.uses.includes('chat') && tokensPerSecond !== undefined && tokensPerSecond < CHAT_MIN_TOKENS_PER_SECOND) {
    slow.push(`under ${CHAT_MIN_TOKENS_PER_SECOND} tokens/s for chat`);
  }
  if (slow.length === 0) return check(id, title, 'pass', detail);
  return check(id, title, 'warn', `${detail} Slow: ${slow.join(', ')}.`, slowFix(probe.uses));
}

function slowFix(uses: readonly ModelUse[]): string {
  const smaller = uses.includes('completion') ? ' such as `qwen2.5-coder:1.5b-base` for completions' : '';
  return `Use a smaller model${smaller}, keep it fully in GPU memory (see "GPU memory"), or lower \`hearth.ollama.numCtx\`.`;
}

function ms(value: number): string {
  return value < 10_000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(1)} s`;
}
