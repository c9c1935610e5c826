/**
 * Context keys the walkthrough's steps complete on (`onContext:`) and pick
 * their OS-specific variant by (`when`). package.json names the same keys; a
 * unit test holds the two together. No vscode import, so that test can read it.
 */
export const SETUP_CONTEXT_KEYS = {
  platform: 'hearth.platform',
  connected: 'hearth.ollamaConnected',
  completionReady: 'hearth.completionModelReady',
  chatReady: 'hearth.chatModelReady',
  needed: 'hearth.setupNeeded',
} as const;
