// `npm start` without a desktop `code` CLI: serves VS Code (code-server) with
// Hearth loaded from this repository on a sample workspace, until Ctrl+C.
//   npx tsx scripts/startCodeServer.ts [--port N]
// The profile (.vscode-test/dev-session) and the workspace
// (.vscode-test/sample-workspace) persist between sessions. OLLAMA_HOST from
// the environment reaches the extension, which is how `npm start --stand-in`
// points it at the stand-in.
import * as path from 'node:path';
import { cacheDir, repoRoot, startCodeServer, workbenchUrl } from '../test/support/codeServer';
import { vscodeVersion } from '../test/support/vscodeBuilds';
import { exitOnSignals } from '../test/support/processes';

async function main(argv: string[]): Promise<void> {
  const portIndex = argv.indexOf('--port');
  const port = portIndex >= 0 ? Number(argv[portIndex + 1]) : 0;
  if (!Number.isInteger(port) || port < 0) throw new Error(`--port needs a number, got ${argv[portIndex + 1] ?? 'nothing'}`);

  const server = await startCodeServer({
    runDir: path.join(cacheDir, 'dev-session'),
    workspaceDir: path.join(cacheDir, 'sample-workspace'),
    port,
  });
  let stopping = false;
  exitOnSignals(() => {
    stopping = true;
    return server.stop();
  });
  const url = workbenchUrl(server, { folder: server.workspaceDir, extensionDevelopmentPath: repoRoot });
  console.log(`[hearth] VS Code ${vscodeVersion()} (code-server) is serving ${path.relative(repoRoot, server.workspaceDir)} with Hearth loaded from this repository.`);
  console.log(`[hearth] Ollama: ${process.env.OLLAMA_HOST ? `OLLAMA_HOST=${process.env.OLLAMA_HOST}` : 'the hearth.ollama.host setting, else OLLAMA_HOST, else 127.0.0.1:11434'}`);
  console.log(`[hearth] server log: ${path.relative(repoRoot, server.logFile)}`);
  console.log(`[hearth] after a rebuild (npm run watch), run "Developer: Reload Window" in the workbench.`);
  console.log(`[hearth] it listens on 127.0.0.1 only; from another machine, forward the port (ssh -L ${server.port}:127.0.0.1:${server.port} …).`);
  console.log(`\n  Open: ${url}\n`);
  console.log('[hearth] Ctrl+C stops it.');
  await server.exited;
  if (stopping) return; // exitOnSignals finishes the exit
  console.error(`[hearth] code-server exited unexpectedly; see ${path.relative(repoRoot, server.logFile)}`);
  process.exit(1);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(`[hearth] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
