// The small repository the agent suite works on, written into the session's
// copy of the fixture workspace and removed after: a failing test, the
// AGENTS.md that names its command, and a command that starts a process tree.
import * as vscode from 'vscode';

const FILES: Record<string, string> = {
  'AGENTS.md': '# Calc\n\nA tiny calculator.\n\n## Testing\n\nRun `node test.js` before you finish.\n',
  // A BOM and CRLF: Undo and edits must keep the exact bytes.
  'calc.js': '\uFEFFexports.add = (a, b) => a - b;\r\n',
  'test.js': "const { add } = require('./calc');\nif (add(2, 3) !== 5) {\n  console.log('FAIL: add(2, 3) = ' + add(2, 3));\n  process.exit(1);\n}\nconsole.log('PASS');\n",
  'sleeper.js': [
    "const { spawn } = require('node:child_process');",
    "const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });",
    "require('node:fs').writeFileSync('sleeper.pids', process.pid + ' ' + child.pid);",
    'setInterval(() => {}, 1000);',
    '',
  ].join('\n'),
};

export async function agentFixture(root: vscode.Uri): Promise<() => Promise<void>> {
  for (const [name, text] of Object.entries(FILES)) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(root, name), new TextEncoder().encode(text));
  return async () => {
    for (const name of [...Object.keys(FILES), 'sleeper.pids', 'docs']) {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(root, name), { recursive: true }).then(undefined, () => undefined);
    }
  };
}

export async function readBytes(root: vscode.Uri, path: string): Promise<Uint8Array> {
  return vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, ...path.split('/')));
}

export async function readText(root: vscode.Uri, path: string): Promise<string> {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await readBytes(root, path));
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls `probe` every 25 ms until it gives a value; a hang guard of 30 s names what it waited for. */
export async function poll<T>(probe: () => T | undefined | Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 1200; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}
