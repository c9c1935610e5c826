import { check, code } from './diagnosticCheck';
import type { DiagnosticCheck } from './diagnosticCheck';
import type { DiagnosticsSnapshot } from './diagnosticsSnapshot';
import { OLLAMA_DOWNLOAD_URL } from '../setup/startOllamaSteps';

// Capabilities in /api/show arrived in Ollama 0.6.4; before, Hearth infers them.
const CAPABILITIES_SINCE: readonly number[] = [0, 6, 4];

const START_OLLAMA = `Start Ollama: run \`ollama serve\`, open the Ollama app, or \`systemctl start ollama\`. Not installed? ${OLLAMA_DOWNLOAD_URL}. Hearth reconnects by itself once it answers.`;

export function daemonCheck(s: DiagnosticsSnapshot): DiagnosticCheck {
  const title = 'Ollama daemon';
  const url = s.host.url;
  if (s.daemon.ok) {
    const version = s.daemon.value;
    if (isOlder(version, CAPABILITIES_SINCE)) {
      return check('daemon', title, 'warn',
        `Ollama ${version} answers at ${url}. It predates 0.6.4 and does not report model capabilities; Hearth infers them from templates.`,
        `Update Ollama (${OLLAMA_DOWNLOAD_URL}).`);
    }
    return check('daemon', title, 'pass', `Ollama ${version} answers at ${url}.`);
  }
  const { message, kind } = s.daemon;
  if (kind === 'invalidHost') {
    return check('daemon', title, 'fail', 'No request was sent: the Ollama address is invalid (see "Ollama host").', 'Correct the address as described under "Ollama host".');
  }
  if (kind === 'unauthorized') {
    return check('daemon', title, 'fail', `${url} refused Hearth's requests (${message}).`, 'If the server or a proxy in front of it needs an API key, run "Hearth: Set API Key…" (stored in VS Code\'s secret storage, sent only to this host).');
  }
  if (kind === 'timeout') {
    return check('daemon', title, 'fail', `${url} accepted the connection but did not answer in time.`, 'Restart Ollama and check its server log; a stuck request can block the daemon.');
  }
  return check('daemon', title, 'fail', `Nothing answers at ${url}: ${message}.`, START_OLLAMA);
}

export function hostCheck(s: DiagnosticsSnapshot): DiagnosticCheck {
  const title = 'Ollama host';
  const { url, source, invalid } = s.host;
  if (invalid) {
    const where = source === 'env' ? 'the `OLLAMA_HOST` environment variable' : '`hearth.ollama.host`';
    return check('host', title, 'fail', `${invalid}.`,
      `Correct ${where} to a form like \`127.0.0.1:11434\` or \`http://gpu-box:11434\`, or clear it to use this machine's Ollama.`);
  }
  const why =
    source === 'setting' ? 'from the setting `hearth.ollama.host`'
      : source === 'env' ? 'from the `OLLAMA_HOST` environment variable (`hearth.ollama.host` is empty)'
        : 'the default (neither `hearth.ollama.host` nor `OLLAMA_HOST` is set)';
  return check('host', title, 'pass', `${url}, ${why}.`);
}

export function remoteHostCheck(s: DiagnosticsSnapshot): DiagnosticCheck {
  const title = 'Code stays on this machine';
  const { url, source, isLoopback, invalid } = s.host;
  if (invalid) return check('remoteHost', title, 'skip', 'The address is invalid, so nothing is sent anywhere.');
  if (isLoopback) return check('remoteHost', title, 'pass', 'The host is a loopback address: requests do not leave this machine.');
  const plain = url.startsWith('http://') ? ' over unencrypted http' : '';
  const undo =
    source === 'env'
      ? 'unset `OLLAMA_HOST` in the environment VS Code starts from'
      : 'clear `hearth.ollama.host`';
  return check('remoteHost', title, 'warn',
    `Requests, with your code in them, go to ${code(hostOf(url))}${plain}, which is not this machine.`,
    `If that is intended, nothing to do${plain ? ' (an SSH tunnel or an https proxy keeps the code private on the way)' : ''}. Otherwise ${undo} to use Ollama on this machine.`);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** True for a release older than `min`; development builds (0.0.0) and odd strings are not judged. */
function isOlder(version: string, min: readonly number[]): boolean {
  const parts = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version.trim())?.slice(1).map(Number);
  if (!parts || parts.every((p) => p === 0)) return false;
  for (let i = 0; i < min.length; i++) {
    const a = parts[i] ?? 0;
    const b = min[i] ?? 0;
    if (a !== b) return a < b;
  }
  return false;
}
