// Starts a real VS Code (code-server from npm, see scripts/ensure-code-server.sh)
// in an isolated folder, and a headless Chromium to drive its workbench. Shared
// by the integration runner, the end-to-end tests and `npm start`.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { signalGroup, waitForExit } from './processes';
import { acceptsVscodeOptions, assertCodeServerInstalled, cacheDir, codeServerEntry, repoRoot, vscodeBuild, type VscodeBuild } from './vscodeBuilds';

// Where the e2e suites and scripts have always found them.
export { cacheDir, repoRoot } from './vscodeBuilds';
export const fixtureWorkspace = path.join(repoRoot, 'test/fixtures/workspace');
const chromiumPath = process.env.HEARTH_CHROMIUM ?? '/usr/bin/chromium';
const debug = process.env.HEARTH_DEBUG === '1';

/** Settings that keep a test workbench quiet, offline and deterministic. */
export const quietSettings: Readonly<Record<string, unknown>> = {
  'chat.disableAIFeatures': true, // no built-in agent processes (~150 MB)
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.localHistory.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'security.workspace.trust.enabled': false,
  // Run folders live inside this repository: without this, the git extension
  // offers to open the parent repository in a notification.
  'git.openRepositoryInParentFolders': 'never',
  'git.autofetch': false,
  'npm.autoDetect': 'off',
  'task.autoDetect': 'off',
  'typescript.disableAutomaticTypeAcquisition': true,
  'files.hotExit': 'off',
};

export interface CodeServerOptions {
  /** Which VS Code to serve (scripts/vscode-builds.json); default the current one. */
  build?: VscodeBuild;
  /** Folder for this session's profile, logs and temp files; default `.vscode-test/runs/<stamp>`. */
  runDir?: string;
  /** Workspace to open; the fixture is copied there when it does not exist. Default `<runDir>/workspace`. */
  workspaceDir?: string;
  /** Extra environment for the server; it reaches the extension host (e.g. OLLAMA_HOST). */
  env?: Record<string, string | undefined>;
  /** User settings on top of {@link quietSettings}; written only when the profile has none yet. */
  settings?: Record<string, unknown>;
  /** Port on 127.0.0.1; default 0, a free one chosen by the server. */
  port?: number;
  /**
   * Turn Workspace Trust on (it is off by default for tests). A fresh profile
   * has trusted nothing, so the workspace then opens in Restricted Mode.
   */
  workspaceTrust?: boolean;
}

/** Settings for a session whose workspace must stay untrusted, without a prompt. */
const restrictedModeSettings: Readonly<Record<string, unknown>> = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'security.workspace.trust.untrustedFiles': 'open',
};

export interface CodeServer {
  url: string;
  port: number;
  runDir: string;
  workspaceDir: string;
  /** code-server's own output (printed live only with HEARTH_DEBUG=1). */
  logFile: string;
  /**
   * Whether the server was started with `enable-smoke-test-driver` (code-server
   * releases that know `--vscode-option`); if not, see smokeTestDriver.ts.
   */
  smokeTestDriverFlag: boolean;
  /** Settles when the server process has exited, for whatever reason. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

export function newRunDir(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  // Short on purpose: VS Code puts Unix sockets in here, and their paths are limited to 107 bytes.
  return path.join(cacheDir, 'runs', `${stamp}-${process.pid}`);
}

/** Keeps the newest `keep` run folders; each holds a profile of a few dozen MB. */
export function pruneRunDirs(keep = 5): void {
  const runs = path.join(cacheDir, 'runs');
  if (!fs.existsSync(runs)) return;
  const dirs = fs.readdirSync(runs).sort().reverse();
  for (const dir of dirs.slice(keep)) fs.rmSync(path.join(runs, dir), { recursive: true, force: true });
}

/** One session's profile folders inside its run folder (also where `--install-extension` puts extensions). */
export function profileDirs(runDir: string): Record<'userData' | 'extensions' | 'config' | 'data' | 'cache' | 'tmp', string> {
  return {
    userData: path.join(runDir, 'user-data'),
    extensions: path.join(runDir, 'extensions'),
    config: path.join(runDir, 'xdg-config'),
    data: path.join(runDir, 'xdg-data'),
    cache: path.join(runDir, 'xdg-cache'),
    tmp: path.join(runDir, 'tmp'),
  };
}

/** Environment that keeps code-server's own files (config, logs, temp) inside `dirs`. */
export function isolatedEnv(dirs: ReturnType<typeof profileDirs>): Record<string, string> {
  return {
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_CACHE_HOME: dirs.cache,
    TMPDIR: dirs.tmp,
    EXTENSIONS_GALLERY: '{}', // no marketplace lookups (there is no internet)
  };
}

export async function startCodeServer(opts: CodeServerOptions = {}): Promise<CodeServer> {
  const build = opts.build ?? vscodeBuild();
  assertCodeServerInstalled(build);
  const runDir = path.resolve(opts.runDir ?? newRunDir());
  const workspaceDir = path.resolve(opts.workspaceDir ?? path.join(runDir, 'workspace'));
  const dirs = profileDirs(runDir);
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  const smokeTestDriverFlag = acceptsVscodeOptions(build);
  // A reused profile (npm start) keeps the settings its user changed.
  const settingsFile = path.join(dirs.userData, 'User/settings.json');
  if (!fs.existsSync(settingsFile)) {
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(
      settingsFile,
      JSON.stringify({ ...quietSettings, ...(opts.workspaceTrust ? restrictedModeSettings : {}), ...opts.settings }, null, 2) + '\n',
    );
  }
  if (!fs.existsSync(workspaceDir)) fs.cpSync(fixtureWorkspace, workspaceDir, { recursive: true });
  const configFile = path.join(runDir, 'code-server.yaml');
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
  const logFile = path.join(runDir, 'code-server.log');
  const log = fs.createWriteStream(logFile);

  const child = spawn(
    build.node,
    [
      codeServerEntry(build),
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${opts.port ?? 0}`,
      '--config', configFile,
      '--user-data-dir', dirs.userData,
      '--extensions-dir', dirs.extensions,
      '--disable-telemetry',
      '--disable-update-check',
      ...(opts.workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      '--ignore-last-opened',
      // Without it the workbench silently ignores the `payload` that loads the
      // development extension and the tests.
      ...(smokeTestDriverFlag ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
      workspaceDir,
    ],
    {
      cwd: runDir,
      // Own process group: stop() kills the server with its extension host,
      // file watcher and pty host in one go.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...serverEnv(opts.env), ...isolatedEnv(dirs) },
    },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${build.node}`);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const onProcessExit = (): void => void signalGroup(pid, 'SIGKILL');
  process.once('exit', onProcessExit);

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      process.off('exit', onProcessExit);
      signalGroup(pid, 'SIGTERM');
      await waitForExit(child, 5_000);
      // Children that ignored SIGTERM, or outlived the server, go too.
      signalGroup(pid, 'SIGKILL');
      await new Promise<void>((resolve) => log.end(resolve));
    })());

  try {
    const port = await waitForListening(child, log);
    return { url: `http://127.0.0.1:${port}/`, port, runDir, workspaceDir, logFile, smokeTestDriverFlag, exited, stop };
  } catch (err) {
    await stop();
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
    throw new Error(`code-server did not start: ${String(err)}\n--- ${logFile} (tail) ---\n${tail}`);
  }
}

/** The caller's environment minus what would confuse a nested VS Code or Node. */
export function serverEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // VSCODE_* (set when run from a VS Code terminal) would make code-server
    // talk to that instance; NODE_OPTIONS may carry tsx's loader from our runner.
    if (key.startsWith('VSCODE_') || key === 'NODE_OPTIONS' || key === 'ELECTRON_RUN_AS_NODE') continue;
    env[key] = value;
  }
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

function waitForListening(child: ReturnType<typeof spawn>, log: fs.WriteStream): Promise<number> {
  return new Promise((resolve, reject) => {
    let buffered: string | undefined = '';
    const timer = setTimeout(() => reject(new Error('no "listening" line within 60 s')), 60_000);
    const onData = (chunk: Buffer): void => {
      // Output can still drain after stop() ended the log.
      if (!log.writableEnded) log.write(chunk);
      if (debug) process.stderr.write(chunk);
      if (buffered === undefined) return;
      buffered += chunk.toString();
      const match = /HTTP server listening on https?:\/\/[^\s:]+:(\d+)/.exec(buffered);
      if (match?.[1]) {
        clearTimeout(timer);
        buffered = undefined;
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited early (code ${code}, signal ${signal})`));
    });
  });
}

/**
 * Headless Debian Chromium; Playwright's own browser download is unreachable
 * here. `stateDir` (e.g. the run folder) keeps what Chromium writes outside
 * its temporary profile (crash-report settings, dconf) out of the home folder.
 */
export function launchBrowser(stateDir?: string): Promise<Browser> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  if (stateDir) {
    env.XDG_CONFIG_HOME = path.join(stateDir, 'browser-config');
    env.XDG_CACHE_HOME = path.join(stateDir, 'browser-cache');
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    env,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-breakpad',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface WorkbenchTarget {
  folder: string;
  /** A `.code-workspace` file to open instead of `folder` (a multi-root window). */
  workspace?: string;
  extensionDevelopmentPath: string;
  /** The tests module; when set, the workbench runs it and calls `codeAutomationExit`. */
  extensionTestsPath?: string;
  /** Starts the extension host with its inspector on this port (the soak reads its heap and rejections there). */
  inspectExtensionsPort?: number;
}

/** The workbench URL that opens `folder` with the development extension (and tests) loaded. */
export function workbenchUrl(server: Pick<CodeServer, 'port'>, target: WorkbenchTarget): string {
  const remote = (p: string): string => `vscode-remote://127.0.0.1:${server.port}${path.resolve(p)}`;
  const payload: [string, string][] = [['extensionDevelopmentPath', remote(target.extensionDevelopmentPath)]];
  if (target.extensionTestsPath) payload.push(['extensionTestsPath', remote(target.extensionTestsPath)]);
  if (target.inspectExtensionsPort !== undefined) payload.push(['inspect-extensions', String(target.inspectExtensionsPort)]);
  const opened = target.workspace !== undefined ? `workspace=${encodeURIComponent(path.resolve(target.workspace))}` : `folder=${encodeURIComponent(path.resolve(target.folder))}`;
  const query = `${opened}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return `http://127.0.0.1:${server.port}/?${query}`;
}

/**
 * Writes the page's console (where the extension host's console ends up, amid
 * workbench noise) to `file`, and to stdout with HEARTH_DEBUG=1. Returns a
 * function that flushes and closes the file.
 */
export function recordConsole(page: Page, file: string): () => Promise<void> {
  const out = fs.createWriteStream(file);
  const write = (line: string): void => {
    if (!out.writableEnded) out.write(line);
    if (debug) process.stdout.write(line);
  };
  // VS Code styles its log lines (`%c INFO color: #33f …`); keep the words.
  page.on('console', (msg) => write(`[${msg.type()}] ${msg.text().replace(/^%c\s*(\w+)\s+color: #\w+\s*/, '$1 ')}\n`));
  page.on('pageerror', (err) => write(`[pageerror] ${err.message}\n`));
  return () => new Promise<void>((resolve) => out.end(resolve));
}
