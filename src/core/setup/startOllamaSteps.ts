import type { SetupInstruction } from '../../shared/statusTab';

export interface StartOllamaHelp {
  /** The operating system the steps are for, as a user names it. */
  readonly platform: string;
  readonly steps: readonly SetupInstruction[];
}

export interface HostFacts {
  /** Display form, no credentials. */
  readonly url: string;
  readonly isLoopback: boolean;
}

/** Where Ollama's installers are (the setup's Download button, the steps' text, the diagnostics' fixes). */
export const OLLAMA_DOWNLOAD_URL = 'https://ollama.com/download';

/**
 * How to get Ollama running for the machine the extension host runs on
 * (`process.platform`): that is where a loopback host dials. For a daemon on
 * another machine, installing one here would not help, so the steps say where.
 */
export function startOllamaSteps(platform: string, host: HostFacts): StartOllamaHelp {
  if (!host.isLoopback) {
    return {
      platform: 'another machine',
      steps: [
        { text: `Hearth is set to use Ollama at ${host.url}. Start Ollama on that machine and let it listen on the network:`, command: 'OLLAMA_HOST=0.0.0.0 ollama serve' },
        { text: 'Or use Ollama on this machine: clear hearth.ollama.host (and OLLAMA_HOST).' },
      ],
    };
  }
  switch (platform) {
    case 'linux':
      return {
        platform: 'Linux',
        steps: [
          { text: 'Install Ollama (once):', command: 'curl -fsSL https://ollama.com/install.sh | sh' },
          { text: 'Start it as a service (the installer sets one up):', command: 'sudo systemctl start ollama' },
          { text: 'Or run it in a terminal:', command: 'ollama serve' },
        ],
      };
    case 'darwin':
      return {
        platform: 'macOS',
        steps: [
          { text: `Install the Ollama app from ${OLLAMA_DOWNLOAD_URL} (or with Homebrew):`, command: 'brew install ollama' },
          { text: 'Open Ollama from Applications: it runs in the menu bar. Or run it in a terminal:', command: 'ollama serve' },
        ],
      };
    case 'win32':
      return {
        platform: 'Windows',
        steps: [
          { text: `Run the installer from ${OLLAMA_DOWNLOAD_URL}.` },
          { text: 'Start Ollama from the Start menu: it runs in the notification area. Or run it in a terminal:', command: 'ollama serve' },
        ],
      };
    default:
      return {
        platform,
        steps: [
          { text: `Install Ollama from ${OLLAMA_DOWNLOAD_URL}.` },
          { text: 'Run it in a terminal:', command: 'ollama serve' },
        ],
      };
  }
}
