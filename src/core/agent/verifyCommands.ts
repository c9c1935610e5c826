export type VerifyKind = 'test' | 'lint' | 'build' | 'typecheck' | 'format' | 'check';

/** A command an AGENTS.md names for checking work. */
export interface VerifyCommand { readonly kind: VerifyKind; readonly command: string }

const MAX_COMMANDS = 6;
// Set-up steps are named in the same sections but verify nothing.
const SETUP = /^(npm|pnpm|yarn|bun)\s+(install|i|ci|add)\b|^(pip3?|poetry|uv pip)\s+install\b|^uv\s+sync\b|^bundle\s+install\b|^go\s+mod\s+download\b/;
const MAX_LENGTH = 200;

// Section headings under which AGENTS.md files list their commands
// ("## Testing", "## Build & test", "### Dev environment tips", "## Checks").
const SECTION = /\b(test|tests|testing|build|building|lint|linting|check|checks|verify|verification|validation|ci|commands?|dev(elopment)?|setup|type ?check(ing)?|format(ting)?|quality|before (you )?(commit|submit|push)|pr instructions)\b/i;

// First words of commands that build, test or lint; other code spans in
// AGENTS.md (file names, identifiers) are not commands.
const RUNNERS = /^(npm|npx|pnpm|yarn|bun|bunx|deno|node|tsc|eslint|prettier|biome|jest|vitest|mocha|playwright|pytest|python3?|py|uv|poetry|tox|nox|ruff|black|mypy|pyright|flake8|pylint|make|cmake|ctest|ninja|just|task|cargo|rustfmt|clippy|go|gofmt|golangci-lint|mvn|\.\/mvnw|gradle|\.\/gradlew|dotnet|bundle|rake|rspec|rails|php|composer|phpunit|mix|swift|xcodebuild|bazel|nx|turbo|lerna|pre-commit|\.\/[\w./-]+\.sh|bash|sh)(\s|$)/;

/**
 * The verification commands an AGENTS.md names: lines of shell blocks and
 * command-looking code spans in its build/test/lint sections, plus any
 * code span elsewhere that is plainly a test or lint command (`npm test`,
 * `pytest`, `make lint`). Deduplicated, in order of appearance, at most six.
 * The text is repository content: these are only offered to the model, and
 * running one still needs the user's approval like any other command.
 */
export function verifyCommandsFrom(agentsMd: string): VerifyCommand[] {
  const found: VerifyCommand[] = [];
  const add = (raw: string): void => {
    const command = raw.trim().replace(/^\$\s+/, '');
    if (command === '' || command.length > MAX_LENGTH || !RUNNERS.test(command) || SETUP.test(command)) return;
    if (found.some((c) => c.command === command) || found.length >= MAX_COMMANDS) return;
    found.push({ kind: kindOf(command), command });
  };
  let inSection = false;
  let fence: string | undefined;
  let fenceIsShell = false;
  for (const line of agentsMd.split(/\r?\n/)) {
    const fenceMark = /^\s*(`{3,}|~{3,})\s*([\w-]*)/.exec(line);
    if (fence !== undefined) {
      if (fenceMark && fenceMark[1]?.startsWith(fence[0] ?? '`') && (fenceMark[1]?.length ?? 0) >= fence.length && (fenceMark[2] ?? '') === '') fence = undefined;
      else if (fenceIsShell && inSection && !/^\s*#/.test(line)) add(line);
      continue;
    }
    if (fenceMark) {
      fence = fenceMark[1];
      fenceIsShell = ['', 'sh', 'bash', 'shell', 'console', 'zsh', 'powershell', 'ps1', 'cmd', 'bat'].includes((fenceMark[2] ?? '').toLowerCase());
      continue;
    }
    const heading = /^\s*#{1,6}\s+(.*)$/.exec(line);
    if (heading) {
      inSection = SECTION.test(heading[1] ?? '');
      continue;
    }
    for (const span of line.matchAll(/`([^`\n]+)`/g)) {
      const text = span[1] ?? '';
      if (inSection || /\b(test|lint|check|typecheck|build)\b/.test(text) || /^(pytest|ruff|mypy|tox)\b/.test(text)) add(text);
    }
  }
  return found;
}

function kindOf(command: string): VerifyKind {
  if (/\b(type-?check|tsc|mypy|pyright)\b/i.test(command)) return 'typecheck';
  if (/\b(lint|eslint|ruff|flake8|pylint|clippy|golangci-lint|biome)\b/i.test(command)) return 'lint';
  if (/\b(format|fmt|prettier|black)\b/i.test(command)) return 'format';
  if (/\b(test|tests|pytest|jest|vitest|mocha|rspec|phpunit|ctest)\b/i.test(command)) return 'test';
  if (/\b(build|compile|bundle|make)\b/i.test(command)) return 'build';
  return 'check';
}
