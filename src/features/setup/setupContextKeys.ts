import * as vscode from 'vscode';
import { isDone } from '../../core/setup/setupSummary';
import type { SetupSummary } from '../../shared/statusTab';
import { SETUP_CONTEXT_KEYS } from '../../core/setup/walkthroughKeys';

/** Sets the walkthrough's context keys (SETUP_CONTEXT_KEYS) from the setup state, only when a value changes. */
export class SetupContextKeys {
  private readonly values = new Map<string, string | boolean>();

  constructor(platform: string) {
    this.set(SETUP_CONTEXT_KEYS.platform, platform);
  }

  /** What the keys are now (tests read it; VS Code has no API to read a context key back). */
  get snapshot(): Readonly<Record<string, string | boolean>> {
    return Object.fromEntries(this.values);
  }

  update(setup: SetupSummary): void {
    // While connecting nothing is known: keep what was, rather than flicker a step back to undone.
    if (setup.daemon === 'connecting') return;
    const ready = (role: 'completion' | 'chat'): boolean => {
      const r = setup.roles.find((x) => x.role === role);
      return r !== undefined && isDone(r);
    };
    this.set(SETUP_CONTEXT_KEYS.connected, setup.daemon === 'ready');
    this.set(SETUP_CONTEXT_KEYS.completionReady, ready('completion'));
    this.set(SETUP_CONTEXT_KEYS.chatReady, ready('chat'));
    this.set(SETUP_CONTEXT_KEYS.needed, setup.needed);
  }

  private set(key: string, value: string | boolean): void {
    if (this.values.get(key) === value) return;
    this.values.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  }
}
