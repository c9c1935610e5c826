import type { ConnectionConfig } from '../../src/core/connection/connectionConfig';
import { nullLogger } from '../../src/core/logger';
import { resolveOllamaHost } from '../../src/core/ollamaHost';
import { OllamaService } from '../../src/ollama/ollamaService';
import type { OllamaServiceTimeouts } from '../../src/ollama/ollamaService';
import { OllamaStandIn } from './ollamaStandIn';
import type { RequestRecorder } from '../../src/core/inspector/inspectorRecorder';
import type { StandInOptions } from './ollamaStandIn';

export interface StandInServiceOptions {
  readonly standIn?: StandInOptions;
  /** The service's watchdog; its defaults (minutes) otherwise. */
  readonly timeouts?: OllamaServiceTimeouts;
  /** Over the defaults: no headers, keep_alive 30m, num_ctx 4096. */
  readonly connection?: Partial<ConnectionConfig>;
  /** The inspector's recorder, handed to the service as activate() does. */
  readonly recorder?: RequestRecorder;
}

/**
 * The Ollama stand-in with the real OllamaService dialling it: what every
 * "service against the stand-in" test starts from. `connection` is read on
 * every request, so a test may change it between two (keep_alive, headers).
 */
export class StandInService {
  connection: ConnectionConfig;
  readonly service: OllamaService;
  private readonly others: OllamaService[] = [];

  private constructor(
    readonly standIn: OllamaStandIn,
    private readonly options: StandInServiceOptions,
  ) {
    this.connection = { host: resolveOllamaHost(standIn.url, undefined), headers: {}, keepAlive: '30m', numCtx: 4096, ...options.connection };
    this.service = new OllamaService(() => this.connection, nullLogger, options.timeouts, options.recorder);
  }

  static async start(options: StandInServiceOptions = {}): Promise<StandInService> {
    return new StandInService(await OllamaStandIn.start(options.standIn), options);
  }

  /** A second service against the same stand-in, with its own connection (disposed with this one). */
  serviceWith(extra: Partial<ConnectionConfig>): OllamaService {
    const connection = { ...this.connection, ...extra };
    const service = new OllamaService(() => connection, nullLogger, this.options.timeouts);
    this.others.push(service);
    return service;
  }

  async close(): Promise<void> {
    for (const service of [this.service, ...this.others]) service.dispose();
    await this.standIn.close();
  }
}
