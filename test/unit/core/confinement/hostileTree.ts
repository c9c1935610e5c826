import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/**
 * A real folder as a hostile repository would ship it, next to files it must
 * never reach: links out (relative and absolute), links that stay inside,
 * linked directories both ways, a dangling link, a link loop, a FIFO, and a
 * sibling folder whose name merely extends the workspace's.
 *
 *   <base>/outside/secret.md            "OUTSIDE SECRET"
 *   <base>/outside/dir/AGENTS.md         "OUTSIDE DIR RULES"
 *   <base>/work-evil/secret.md           "PREFIX SECRET"
 *   <base>/work/                         the workspace folder (`root`)
 */
export interface HostileTree {
  readonly base: string;
  readonly root: string;
  readonly outside: string;
  /** Adds files (text) under the root; directories are created. */
  file(relPath: string, text: string): string;
  /** Adds a symbolic link at `relPath` pointing at `target` (as written, relative or absolute). */
  link(relPath: string, target: string): string;
  /** Adds a named pipe at `relPath`. Opening it for reading without a writer blocks. */
  fifo(relPath: string): string;
  remove(): void;
}

export function hostileTree(): HostileTree {
  const base = mkdtempSync(path.join(tmpdir(), 'hearth-confinement-'));
  const root = path.join(base, 'work');
  const outside = path.join(base, 'outside');
  const write = (file: string, text: string): string => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  };
  write(path.join(outside, 'secret.md'), 'OUTSIDE SECRET');
  write(path.join(outside, 'dir', 'AGENTS.md'), 'OUTSIDE DIR RULES');
  write(path.join(base, 'work-evil', 'secret.md'), 'PREFIX SECRET');
  mkdirSync(root, { recursive: true });
  const under = (relPath: string): string => path.join(root, ...relPath.split('/'));
  return {
    base,
    root,
    outside,
    file: (relPath, text) => write(under(relPath), text),
    link: (relPath, target) => {
      const at = under(relPath);
      mkdirSync(path.dirname(at), { recursive: true });
      symlinkSync(target, at);
      return at;
    },
    fifo: (relPath) => {
      const at = under(relPath);
      mkdirSync(path.dirname(at), { recursive: true });
      execFileSync('mkfifo', [at]);
      return at;
    },
    remove: () => rmSync(base, { recursive: true, force: true }),
  };
}
