// Lint fails on any warning (`--max-warnings 0`): type-aware rules for our code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Nothing below the composition root imports it (or the API it returns) or the webview's code. */
const UPWARD = [
  { regex: '^(\\.\\./)+(extension|hearthApi)$', message: 'Nothing below the composition root imports it (extension.ts, hearthApi.ts).' },
  { regex: '^(\\.\\./)+webview/', message: 'The webview is a separate bundle: share types through src/shared.' },
];

/** One layer's rule: imports matching `patterns` (type-only ones too) are errors in `files`. */
function layer(files, patterns) {
  return [{ files: [files], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] } }];
}

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'out/', '.vscode-test/', 'test-results/', 'bench/results/', '**/*.js', '**/*.cjs', '**/*.mjs'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  // Layers (README, Architecture): each folder may import only the layers below it.
  //   shared   imports nothing outside itself (the webview compiles it too)
  //   core     shared; never vscode, ollama (the daemon's client), features
  //   ollama   core; never vscode, shared, features
  //   openai   core and ollama's request guards; never vscode, shared, features
  //   vscode   core, shared, ollama; never features
  //   features anything but the webview; extension.ts composes them
  //   webview  shared only, and nothing of Node
  ...layer('src/shared/**/*.ts', [{ regex: '^(?!\\./)', message: 'src/shared imports nothing outside itself: the webview compiles it too.' }]),
  ...layer('src/core/**/*.ts', [
    { regex: '^vscode$', message: 'src/core never imports vscode: plain mocha tests it.' },
    { regex: '^ollama$', message: 'src/core never imports the ollama package: src/ollama is the one place that talks to the daemon.' },
    { regex: '^(\\.\\./)+(ollama|vscode|features)/', message: 'src/core imports only core and shared: take what you need as an interface (see core/engine/modelServer.ts).' },
    ...UPWARD,
  ]),
  ...layer('src/ollama/**/*.ts', [
    { regex: '^vscode$', message: 'src/ollama never imports vscode.' },
    { regex: '^(\\.\\./)+(shared|vscode|features)/', message: 'src/ollama imports only core: the view and VS Code are for the layers above.' },
    ...UPWARD,
  ]),
  ...layer('src/openai/**/*.ts', [
    { regex: '^vscode$', message: 'src/openai never imports vscode.' },
    { regex: '^ollama$', message: 'src/openai speaks the OpenAI-compatible API, not the ollama package.' },
    { regex: '^(\\.\\./)+(shared|vscode|features)/', message: 'src/openai imports only core (and the request guards in src/ollama).' },
    ...UPWARD,
  ]),
  ...layer('src/vscode/**/*.ts', [{ regex: '^(\\.\\./)+features/', message: 'src/vscode adapters never import features.' }, ...UPWARD]),
  ...layer('src/features/**/*.ts', UPWARD),
  ...layer('webview/**/*.ts', [
    { regex: '^vscode$', message: 'The webview runs in the browser: no vscode.' },
    { regex: '^node:', message: 'The webview runs in the browser: no Node modules.' },
    { regex: '(^|/)src/(?!shared/)', message: 'The webview imports only src/shared from the extension.' },
  ]),
  {
    // Benchmarks run outside VS Code.
    files: ['bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Benchmarks run without VS Code.' }] }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
