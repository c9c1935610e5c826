/**
 * Collects streamed text and hands it on at most once per interval: a model
 * at 100 tokens/s would otherwise post 100 messages a second to the webview,
 * each a re-render. `flush()` delivers at once (the end of a stream).
 */
export class DeltaBatcher {
  private text = '';
  private thinking = '';
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly deliver: (text: string, thinking: string) => void,
    private readonly intervalMs = 33,
  ) {}

  add(text: string, thinking: string): void {
    this.text += text;
    this.thinking += thinking;
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.text === '' && this.thinking === '') return;
    const { text, thinking } = this;
    this.text = '';
    this.thinking = '';
    this.deliver(text, thinking);
  }

  /** Forgets what was not delivered (the webview reloads and gets the whole turn instead). */
  discard(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.text = '';
    this.thinking = '';
  }
}
