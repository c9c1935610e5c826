import { toOllamaFailure } from './ollamaFailure';
import type { FailureContext, OllamaFailure } from './ollamaFailure';

/**
 * The OllamaFailure an error carries, else toOllamaFailure's reading of it.
 * OllamaError is matched by shape, not by class: an OllamaService reached
 * through the extension's API (the integration tests, other extensions) throws
 * errors made by another bundle's copy of the class, which `instanceof` misses.
 */
export function failureOf(error: unknown, ctx: FailureContext): OllamaFailure {
  if (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'OllamaError') {
    const failure = (error as { failure?: unknown }).failure;
    if (typeof failure === 'object' && failure !== null && typeof (failure as { kind?: unknown }).kind === 'string') {
      return failure as OllamaFailure;
    }
  }
  return toOllamaFailure(error, ctx);
}
