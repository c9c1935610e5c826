import type { EngineKind } from '../settings/hearthSettings';

/**
 * What the chosen engine cannot tell Hearth, in the user's words, for the
 * Status tab and the diagnostics report: an OpenAI-compatible server has no
 * counterpart to Ollama's /api/ps, /api/show capabilities, keep_alive or
 * /api/pull, and Hearth says so rather than showing empty or invented values.
 * Empty for Ollama, which reports all of it.
 */
export function engineLimits(engine: EngineKind): readonly string[] {
  if (engine === 'ollama') return [];
  return [
    'which models are loaded and how much of each sits in GPU memory (Ollama\'s /api/ps)',
    'model capabilities: they come from "hearth.openai.capabilities" (llama-server\'s models are taken to fill in the middle through /infill)',
    'keep_alive and num_ctx: the server keeps its model loaded and fixes its context length at start-up',
    'model downloads: Pull does not work; start the server with the model instead',
  ];
}
