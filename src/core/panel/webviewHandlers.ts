import type { Logger } from '../logger';
import { parseWebviewMessage } from '../../shared/parseWebviewMessage';
import type { WebviewToHost } from '../../shared/protocol';

export type WebviewMessageType = WebviewToHost['type'];
export type WebviewMessage<K extends WebviewMessageType> = Extract<WebviewToHost, { type: K }>;

/**
 * What each message from the webview does: one handler per message type
 * (src/shared/protocol.ts lists them). Each feature provides the part for its
 * own messages; the view provider gets the whole table, and TypeScript refuses
 * a table that misses one. The message has passed parseWebviewMessage, so its
 * shape is right; handlers still check names and ids against what the view
 * was shown.
 */
export type WebviewHandlers<K extends WebviewMessageType = WebviewMessageType> = {
  readonly [P in K]: (message: WebviewMessage<P>) => void | PromiseLike<unknown>;
};

/**
 * A message from the webview, untrusted: anything parseWebviewMessage does
 * not accept is logged and dropped; the rest goes to the handler for its
 * type. A handler's failure is logged, never thrown back into the webview's
 * event. Resolves when the handler is done (an answer streamed, a pull ended).
 */
export async function handleWebviewMessage(handlers: WebviewHandlers, raw: unknown, log: Logger): Promise<void> {
  const message = parseWebviewMessage(raw);
  if (!message) {
    log.warn(`Ignored a malformed message from the Hearth view: ${safePreview(raw)}`);
    return;
  }
  // TypeScript cannot pair a union member with its handler by itself; the table's type guarantees it.
  const handler = handlers[message.type] as (message: WebviewToHost) => void | PromiseLike<unknown>;
  try {
    await handler(message);
  } catch (error) {
    log.error(error instanceof Error ? error : String(error));
  }
}

function safePreview(value: unknown): string {
  try {
    return JSON.stringify(value).slice(0, 200);
  } catch {
    return typeof value;
  }
}
