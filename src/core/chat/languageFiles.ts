// File extensions for "Save as new file", by the fence's language tag or VS Code language id.
const EXTENSIONS: Readonly<Record<string, string>> = {
  typescript: 'ts', ts: 'ts', tsx: 'tsx', typescriptreact: 'tsx', javascript: 'js', js: 'js', jsx: 'jsx', javascriptreact: 'jsx',
  python: 'py', py: 'py', rust: 'rs', rs: 'rs', go: 'go', golang: 'go', java: 'java', kotlin: 'kt', kt: 'kt', swift: 'swift',
  c: 'c', cpp: 'cpp', 'c++': 'cpp', csharp: 'cs', cs: 'cs', 'c#': 'cs', ruby: 'rb', rb: 'rb', php: 'php', scala: 'scala',
  shell: 'sh', shellscript: 'sh', bash: 'sh', sh: 'sh', zsh: 'sh', powershell: 'ps1', ps1: 'ps1', sql: 'sql',
  html: 'html', css: 'css', scss: 'scss', less: 'less', json: 'json', jsonc: 'jsonc', yaml: 'yaml', yml: 'yaml', toml: 'toml',
  xml: 'xml', markdown: 'md', md: 'md', dockerfile: 'Dockerfile', makefile: 'mk', lua: 'lua', r: 'r', dart: 'dart', vue: 'vue', svelte: 'svelte',
};

/** A file name for a code block: `snippet.<ext>`, or a plain name for Dockerfile-like tags. */
export function fileNameFor(language: string): string {
  const ext = EXTENSIONS[language.toLowerCase()];
  if (ext === undefined) return 'snippet.txt';
  return ext === 'Dockerfile' ? 'Dockerfile' : `snippet.${ext}`;
}
