/** The starter AGENTS.md written by "Hearth: Create AGENTS.md". */
export const AGENTS_MD_STARTER = `# AGENTS.md

Instructions for AI coding assistants working in this repository. The nearest
AGENTS.md to a file wins; put package-specific rules in the package's own folder.

## Build and test

- Install: \`…\`
- Build: \`…\`
- Test: \`…\`
- Lint / format: \`…\`

## Conventions

- Language and style: …
- Naming: …
- Error handling: …

## Project layout

- \`src/\` — …
- \`test/\` — …

## Do not

- Edit generated files (…).
- Add dependencies without …
`;

/** What the chat model is asked, when the user lets it draft the file. */
export function draftPrompt(sources: readonly { path: string; text: string }[]): string {
  const material = sources.map((s) => `--- ${s.path} ---\n${s.text}`).join('\n\n');
  return [
    'Write an AGENTS.md file for this repository: concise Markdown instructions for AI coding assistants.',
    'Use these sections: "Build and test" (exact commands), "Conventions", "Project layout", "Do not".',
    'Only state what the files below support; leave a "…" placeholder where they say nothing. Answer with the Markdown only, no code fence around it.',
    '',
    material,
  ].join('\n');
}

/** Files that usually tell how a repository is built and tested. */
export const DRAFT_SOURCE_FILES = [
  'README.md',
  'package.json',
  'pyproject.toml',
  'setup.cfg',
  'Cargo.toml',
  'go.mod',
  'pom.xml',
  'build.gradle',
  'Makefile',
  'CONTRIBUTING.md',
] as const;

export const DRAFT_SOURCE_MAX_BYTES = 8 * 1024;
