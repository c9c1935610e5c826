import type { ConnectionConfig } from '../../src/core/connection/connectionConfig';
import type { Logger } from '../../src/core/logger';
import { nullLogger } from '../../src/core/logger';
import { resolveOllamaHost } from '../../src/core/ollamaHost';
import type { OllamaServiceTimeouts } from '../../src/ollama/ollamaService';
import { OpenAiService } from '../../src/openai/openAiService';
import type { OpenAiOptions } from '../../src/openai/openAiService';
import { OllamaStandIn } from './ollamaStandIn';
import type { StandInOptions } from './ollamaStandIn';
import type { OpenAiMode } from './openAiStandIn';

export interface OpenAiRigOptions {
  readonly mode: OpenAiMode;
  readonly standIn?: Omit<StandInOptions, 'openai'>;
  readonly timeouts?: OllamaServiceTimeouts;
  /** Over the defaults: no headers. The host is the stand-in's. */
  readonly connection?: Partial<ConnectionConfig>;
  readonly capabilities?: OpenAiOptions['capabilities'];
  readonly log?: Logger;
}

/**
 * The stand-in in its OpenAI-compatible mode with the real OpenAiService
 * dialling it. `connection` and `capabilities` are read on every request, so
 * a test may change them between two (an API key, say).
 */
export class OpenAiStandInService {
  connection: ConnectionConfig;
  capabilities: OpenAiOptions['capabilities'];
  readonly service: OpenAiService;

  private constructor(readonly standIn: OllamaStandIn, options: OpenAiRigOptions) {
    this.connection = { host: resolveOllamaHost(standIn.url, undefined), headers: {}, keepAlive: '30m', numCtx: 4096, ...options.connection };
    this.capabilities = options.capabilities ?? {};
    this.service = new OpenAiService(() => this.connection, () => ({ capabilities: this.capabilities }), options.log ?? nullLogger, options.timeouts);
  }

  static async start(options: OpenAiRigOptions): Promise<OpenAiStandInService> {
    return new OpenAiStandInService(await OllamaStandIn.start({ ...options.standIn, openai: options.mode }), options);
  }

  async close(): Promise<void> {
    this.service.dispose();
    await this.standIn.close();
  }
}
