// The workbench runs an extension tests module (the `payload` in its URL) only
// when its web configuration says `developmentOptions.enableSmokeTestDriver`.
// VS Code's server sets that when started with `enable-smoke-test-driver`,
// which newer code-server releases pass on with `--vscode-option`; older ones
// (4.104, our oldest build) reject every option they do not know, so there is
// no way to say it on their command line. For those, the test browser sets the
// same field where the workbench reads its configuration: the only thing the
// server flag changes for the page (besides not wrapping a web worker
// extension host in an iframe, which Hearth does not use; set too).
// Not by rewriting the served page: a document fulfilled by Playwright counts
// as public to Chromium, which then blocks its WebSocket to 127.0.0.1.
import type { Page } from 'playwright-core';
import type { CodeServer } from './codeServer';

/** Makes the workbench in `page` run its tests module when `server` could not be told on its command line. */
export async function enableSmokeTestDriver(page: Page, server: Pick<CodeServer, 'smokeTestDriverFlag'>): Promise<void> {
  if (server.smokeTestDriverFlag) return;
  await page.addInitScript(configurationPatch);
}

// Runs in every frame before its scripts (a string: this project's Node code
// has no DOM types). The workbench reads its configuration with
// getAttribute('data-settings') on this one element.
const configurationPatch = `(() => {
  const getAttribute = Element.prototype.getAttribute;
  Element.prototype.getAttribute = function (name) {
    const value = getAttribute.call(this, name);
    if (name !== 'data-settings' || this.id !== 'vscode-workbench-web-configuration' || !value) return value;
    const config = JSON.parse(value);
    config.developmentOptions = { ...config.developmentOptions, enableSmokeTestDriver: true };
    config._wrapWebWorkerExtHostInIframe = false;
    return JSON.stringify(config);
  };
})();`;
