import * as vscode from 'vscode';
import type { Logger } from '../core/logger';

/**
 * The Logger over VS Code's LogOutputChannel "Hearth" (levels set by the user
 * in the Output view). `mask` runs over every line and argument before it is
 * written: an API key must not reach the log even if an error message quotes
 * a header (proxies echo them).
 */
export class OutputLogger implements Logger, vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;

  constructor(private readonly mask: (text: string) => string = (text) => text) {
    this.channel = vscode.window.createOutputChannel('Hearth', { log: true });
  }

  trace(message: string, ...args: unknown[]): void {
    this.channel.trace(this.mask(message), ...this.masked(args));
  }
  debug(message: string, ...args: unknown[]): void {
    this.channel.debug(this.mask(message), ...this.masked(args));
  }
  info(message: string, ...args: unknown[]): void {
    this.channel.info(this.mask(message), ...this.masked(args));
  }
  warn(message: string, ...args: unknown[]): void {
    this.channel.warn(this.mask(message), ...this.masked(args));
  }
  error(message: string | Error, ...args: unknown[]): void {
    this.channel.error(typeof message === 'string' ? this.mask(message) : this.maskedError(message), ...this.masked(args));
  }
  show(): void {
    this.channel.show(true);
  }
  dispose(): void {
    this.channel.dispose();
  }

  private masked(args: readonly unknown[]): unknown[] {
    return args.map((arg) => {
      if (typeof arg === 'string') return this.mask(arg);
      if (arg instanceof Error) return this.maskedError(arg);
      if (typeof arg === 'object' && arg !== null) {
        try {
          return this.mask(JSON.stringify(arg));
        } catch {
          return '[unprintable]';
        }
      }
      return arg;
    });
  }

  private maskedError(error: Error): Error {
    const copy = new Error(this.mask(error.message));
    copy.name = error.name;
    if (error.stack) copy.stack = this.mask(error.stack);
    return copy;
  }
}
