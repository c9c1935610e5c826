import type { Ollama, ModelResponse, ShowResponse } from 'ollama';
import type { ModelInfo } from '../core/engine/engineTypes';
import type { Logger } from '../core/logger';
import { toModelInfo } from './modelCatalog';

/**
 * /api/show answers per installed model, cached by name and digest: the model
 * list is re-read often (every reconnect, every Refresh), a model's template
 * and capabilities change only when its digest does.
 */
export class ModelDescriptions {
  private readonly cache = new Map<string, ModelInfo>();

  constructor(private readonly log: Logger) {}

  async describe(client: Ollama, tag: ModelResponse, signal: AbortSignal): Promise<ModelInfo> {
    const key = `${tag.name}@${tag.digest}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    if (signal.aborted) throw signal.reason;
    let show: ShowResponse;
    try {
      show = await client.show({ model: tag.name });
    } catch (error) {
      // One unreadable model must not hide the others; it is listed without capabilities.
      if ((error as Error).name === 'AbortError' || (error as Error).name === 'TimeoutError') throw error;
      this.log.warn(`show ${tag.name} failed: ${(error as Error).message}`);
      show = { template: '', capabilities: [], model_info: {} } as unknown as ShowResponse;
    }
    const info = toModelInfo(tag, show);
    this.cache.set(key, info);
    return info;
  }

  clear(): void {
    this.cache.clear();
  }
}
