// `npm start`: builds Hearth and opens it in a VS Code on a sample workspace.
//   npm start [-- --stand-in] [-- --code-server] [-- --port N]
// - With a desktop `code` CLI on PATH: `code --extensionDevelopmentPath=<repo> <workspace>`.
// - Otherwise (or with --code-server): code-server from .vscode-test/ serves the
//   workbench on 127.0.0.1 and this prints the URL to open; Ctrl+C stops it.
// --stand-in also runs the Ollama stand-in (test/fakes/runStandIn.ts) and points
// the extension at it through OLLAMA_HOST; without it, your own Ollama is used.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './ensureDependencies.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const useStandIn = args.includes('--stand-in');
const forceCodeServer = args.includes('--code-server');
const portIndex = args.indexOf('--port');
const portArgs = portIndex >= 0 ? ['--port', args[portIndex + 1] ?? ''] : [];
const workspace = join(root, '.vscode-test/sample-workspace');
const children = new Set();

function log(message) {
  console.log(`[hearth] ${message}`);
}

function stopChildren(signal = 'SIGTERM') {
  for (const child of children) child.kill(signal);
}

// Ctrl+C reaches every child in the terminal's process group by itself; a
// SIGTERM sent to us alone is passed on. Either way, exit once they are gone.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => stopChildren());

function runToEnd(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', ...options });
  return result.status ?? 1;
}

function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Starts the stand-in; resolves with the process and its address once it prints `OLLAMA_HOST=…`. */
function startStandIn() {
  log('starting the Ollama stand-in (test/fakes/runStandIn.ts)…');
  const child = track(
    spawn(process.execPath, ['--import', 'tsx', join(root, 'test/fakes/runStandIn.ts')], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'inherit'],
    }),
  );
  // Lines typed here steer it (`down`, `up`), to try Hearth's outage handling.
  process.stdin.pipe(child.stdin);
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const match = /^OLLAMA_HOST=(\S+)/.exec(line);
      if (match) resolve({ child, host: match[1] });
      else console.log(`[stand-in] ${line}`);
    });
    child.once('exit', (code) => reject(new Error(`the stand-in exited (code ${code})`)));
  });
}

function hasCodeCli() {
  return spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0;
}

async function main() {
  // A fresh clone has no node_modules yet: `npm ci` first (only when needed).
  if (!ensureDependencies(root)) return 1;
  log('building (npm run build)…');
  if (runToEnd('npm', ['run', '--silent', 'build']) !== 0) return 1;

  const env = { ...process.env };
  const standIn = useStandIn ? await startStandIn() : undefined;
  if (standIn) {
    env.OLLAMA_HOST = standIn.host;
    log(`stand-in listening: OLLAMA_HOST=${env.OLLAMA_HOST} (type "down" or "up" + Enter to simulate an outage)`);
  } else {
    log(`using your Ollama: the hearth.ollama.host setting, else OLLAMA_HOST${env.OLLAMA_HOST ? ` (${env.OLLAMA_HOST})` : ''}, else 127.0.0.1:11434. Add --stand-in for a fake one.`);
  }
  if (!existsSync(workspace)) cpSync(join(root, 'test/fixtures/workspace'), workspace, { recursive: true });

  if (!forceCodeServer && hasCodeCli()) {
    log(`opening VS Code: code --extensionDevelopmentPath=${root} ${workspace}`);
    if (useStandIn) log('note: a VS Code that is already running keeps its own environment; close it first for OLLAMA_HOST to apply.');
    const code = runToEnd('code', ['--extensionDevelopmentPath=' + root, workspace], { env });
    if (!standIn || code !== 0) return code;
    log('the stand-in keeps running for that window; Ctrl+C stops it.');
    await new Promise((resolve) => standIn.child.once('exit', resolve));
    return 0;
  }

  log(forceCodeServer ? 'using code-server (--code-server)' : 'no `code` CLI on PATH: using code-server from .vscode-test/');
  if (runToEnd('bash', [join(root, 'scripts/ensure-code-server.sh')]) !== 0) return 1;
  const server = track(
    spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts/startCodeServer.ts'), ...portArgs], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env,
    }),
  );
  const code = await new Promise((resolve) => server.once('exit', (c) => resolve(c ?? 0)));
  return code;
}

main()
  .catch((err) => {
    console.error(`[hearth] ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  })
  .then((code) => {
    stopChildren();
    process.exit(code);
  });
