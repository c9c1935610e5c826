// The extension host seen from inside, over its inspector (the workbench
// starts it with --inspect when the URL's payload carries inspect-extensions):
// every unhandled promise rejection in it, and its heap. No hook in Hearth:
// the soak watches the process as it ships.

interface CdpReply {
  readonly id?: number;
  readonly result?: Record<string, unknown>;
  readonly error?: { readonly message: string };
}

/** Installed once in the host: rejections not handled by the end of their tick, minus those handled later (Node's own bookkeeping). */
const WATCH_REJECTIONS = `(() => {
  if (globalThis.__soakRejections) return 'already';
  const open = new Map();
  globalThis.__soakRejections = open;
  process.on('unhandledRejection', (reason, promise) => {
    const text = reason instanceof Error ? (reason.stack || String(reason)) : String(reason);
    open.set(promise, text);
  });
  process.on('rejectionHandled', (promise) => open.delete(promise));
  return 'installed';
})()`;

export class ExtensionHostInspector {
  private nextId = 0;
  private readonly waiting = new Map<number, (reply: CdpReply) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.addEventListener('message', (event) => {
      const reply = JSON.parse(String(event.data)) as CdpReply;
      if (reply.id === undefined) return;
      this.waiting.get(reply.id)?.(reply);
      this.waiting.delete(reply.id);
    });
  }

  /** Connects to the host's inspector on `port` (waiting for it to come up) and starts watching rejections. */
  static async attach(port: number, timeoutMs = 120_000): Promise<ExtensionHostInspector> {
    if (typeof WebSocket !== 'function') throw new Error('the soak needs WebSocket: run it with node --experimental-websocket (npm run soak does)');
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl?: string }[];
        const url = targets.find((t) => t.webSocketDebuggerUrl)?.webSocketDebuggerUrl;
        if (url) {
          const socket = new WebSocket(url);
          await new Promise<void>((resolve, reject) => {
            socket.addEventListener('open', () => resolve(), { once: true });
            socket.addEventListener('error', () => reject(new Error(`could not open ${url}`)), { once: true });
          });
          const inspector = new ExtensionHostInspector(socket);
          await inspector.evaluate(WATCH_REJECTIONS);
          return inspector;
        }
      } catch {
        // Not listening yet: the host starts after the workbench.
      }
      if (Date.now() > deadline) throw new Error(`no extension host inspector on port ${port} within ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  /** Rejections still unhandled, each as its stack. */
  async unhandledRejections(): Promise<string[]> {
    return (await this.evaluate('JSON.stringify([...(globalThis.__soakRejections?.values() ?? [])])', true)) as string[];
  }

  /** The JS heap in use after a full collection, in MB: what stays, not what awaits collection. */
  async usedHeapMb(): Promise<number> {
    await this.send('HeapProfiler.collectGarbage');
    const usage = await this.send('Runtime.getHeapUsage');
    return Number(usage.usedSize) / (1024 * 1024);
  }

  close(): void {
    this.socket.close();
  }

  private async evaluate(expression: string, json = false): Promise<unknown> {
    const result = await this.send('Runtime.evaluate', { expression, returnByValue: true });
    const value = (result.result as { value?: unknown } | undefined)?.value;
    if (result.exceptionDetails) throw new Error(`the extension host threw: ${JSON.stringify(result.exceptionDetails).slice(0, 300)}`);
    return json ? JSON.parse(String(value)) : value;
  }

  private send(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`the extension host's inspector did not answer ${method} within 60 s`));
      }, 60_000);
      this.waiting.set(id, (reply) => {
        clearTimeout(timer);
        if (reply.error) reject(new Error(`${method}: ${reply.error.message}`));
        else resolve(reply.result ?? {});
      });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }
}
