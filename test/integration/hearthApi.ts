// Shared by the in-host suites: the running Hearth, and waiting on its events.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HearthApi } from '../../src/hearthApi';
import type { ConnectionState } from '../../src/core/connection/connectionMonitor';
import type { ChatSession } from '../../src/shared/protocol';

export async function activateHearth(): Promise<HearthApi> {
  const ext = vscode.extensions.getExtension<HearthApi>('hearth.hearth');
  assert.ok(ext, 'Hearth is installed in this extension host');
  return ext.activate();
}

/**
 * Resolves with the first value of `event` (or the current one) that satisfies
 * `pred`; rejects after `timeoutMs`, a hang guard, naming what it waited for.
 */
export function waitForEvent<T>(
  current: () => T,
  event: vscode.Event<T>,
  pred: (value: T) => boolean,
  what: string,
  timeoutMs: number,
  describe: (value: T) => string,
): Promise<T> {
  if (pred(current())) return Promise.resolve(current());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}; ${describe(current())}`));
    }, timeoutMs);
    const sub = event((value) => {
      if (!pred(value)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(value);
    });
  });
}

/** Resolves with the chat session the view was sent once `pred` holds for it (see waitForEvent). */
export function waitForChatSession(
  api: HearthApi,
  pred: (session: ChatSession) => boolean,
  what: string,
  timeoutMs: number,
  describe: (session: ChatSession) => string,
): Promise<ChatSession> {
  return waitForEvent(
    () => api.chat.service.session(),
    (listener) =>
      api.chat.service.onDidPost((m) => {
        if (m.type === 'chatSession') listener(m.session);
      }),
    pred,
    what,
    timeoutMs,
    describe,
  );
}

/** Writes a Hearth setting at user level, as the settings editor would (`undefined` removes it). */
export function setHearthSetting(key: string, value: unknown): Thenable<void> {
  return vscode.workspace.getConfiguration('hearth').update(key, value, vscode.ConfigurationTarget.Global);
}

export function waitForConnection(api: HearthApi, pred: (s: ConnectionState) => boolean, what: string, timeoutMs: number): Promise<ConnectionState> {
  return waitForEvent(() => api.connectionState(), api.connection.onDidChange, pred, what, timeoutMs, (s) => `state is ${JSON.stringify(s).slice(0, 300)}`);
}
