import type { ModelRole } from '../../shared/statusTab';

/** A model the setup offers to pull for a role. */
export interface RecommendedModel {
  readonly name: string;
  readonly role: ModelRole;
  /** Download size as ollama.com/library lists it (the default Q4_K_M quantization). */
  readonly sizeBytes: number;
  /** GPU memory it needs with Hearth's default 4096-token context, roughly. */
  readonly fits: string;
  readonly note: string;
}

// Small choices first: a first run should succeed on a laptop. The completion
// models are base models, which infill better than instruction-tuned ones and
// use Qwen's raw FIM template; the chat models follow instructions.
export const RECOMMENDED_MODELS: readonly RecommendedModel[] = [
  {
    name: 'qwen2.5-coder:1.5b-base', role: 'completion', sizeBytes: 986_000_000, fits: '4 GB GPU, or CPU',
    note: 'Fast fill-in-the-middle: suggestions within a few hundred milliseconds on most GPUs.',
  },
  {
    name: 'qwen2.5-coder:7b-base', role: 'completion', sizeBytes: 4_700_000_000, fits: '8 GB GPU',
    note: 'Better multi-line suggestions; slower on small GPUs.',
  },
  {
    name: 'llama3.2:3b', role: 'chat', sizeBytes: 2_000_000_000, fits: '4 GB GPU',
    note: 'Small general-purpose chat; leaves room for the completion model on the GPU.',
  },
  {
    name: 'qwen2.5-coder:7b', role: 'chat', sizeBytes: 4_700_000_000, fits: '8 GB GPU',
    note: 'Code-focused chat; the default.',
  },
  {
    name: 'qwen2.5-coder:32b', role: 'chat', sizeBytes: 20_000_000_000, fits: '24 GB GPU',
    note: 'Strongest code chat; needs a large GPU to answer at reading speed.',
  },
];

export function recommendedFor(role: ModelRole): readonly RecommendedModel[] {
  return RECOMMENDED_MODELS.filter((m) => m.role === role);
}
