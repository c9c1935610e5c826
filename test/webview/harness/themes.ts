// A realistic set of the variables VS Code gives a webview, from the Light+
// and Dark+ themes (values as VS Code 1.9x computes them), and VS Code's own
// default webview styles, so the harness page looks like the real view.
export type ThemeName = 'light' | 'dark';

const common: Record<string, string> = {
  'font-family': '-apple-system, BlinkMacSystemFont, "Segoe WPC", "Segoe UI", "Ubuntu", "Droid Sans", sans-serif',
  'font-size': '13px',
  'font-weight': 'normal',
  'editor-font-family': '"Droid Sans Mono", "monospace", monospace',
  'editor-font-size': '13px',
  'editor-font-weight': 'normal',
};

const dark: Record<string, string> = {
  foreground: '#cccccc',
  descriptionForeground: '#9d9d9d',
  errorForeground: '#f85149',
  focusBorder: '#0078d4',
  'icon-foreground': '#cccccc',
  'widget-border': '#313131',
  'widget-shadow': 'rgba(0, 0, 0, 0.36)',
  'sideBar-background': '#181818',
  'sideBar-foreground': '#cccccc',
  'sideBarSectionHeader-foreground': '#cccccc',
  'panel-border': '#2b2b2b',
  'panelTitle-activeBorder': '#0078d4',
  'editor-background': '#1f1f1f',
  'editor-foreground': '#cccccc',
  'editorWidget-background': '#202020',
  'editorWarning-foreground': '#cca700',
  'textLink-foreground': '#4daafc',
  'textLink-activeForeground': '#4daafc',
  'textPreformat-foreground': '#d0d0d0',
  'textPreformat-background': '#3c3c3c',
  'textBlockQuote-background': '#2b2b2b',
  'textBlockQuote-border': '#616161',
  'textCodeBlock-background': '#2b2b2b',
  'button-background': '#0078d4',
  'button-foreground': '#ffffff',
  'button-hoverBackground': '#026ec1',
  'button-border': 'rgba(255, 255, 255, 0.07)',
  'button-secondaryBackground': '#313131',
  'button-secondaryForeground': '#cccccc',
  'button-secondaryHoverBackground': '#3c3c3c',
  'input-background': '#313131',
  'input-foreground': '#cccccc',
  'input-border': '#3c3c3c',
  'input-placeholderForeground': '#989898',
  'dropdown-background': '#313131',
  'dropdown-foreground': '#cccccc',
  'dropdown-border': '#3c3c3c',
  'badge-background': '#616161',
  'badge-foreground': '#f8f8f8',
  'activityBarBadge-background': '#0078d4',
  'activityBarBadge-foreground': '#ffffff',
  'toolbar-hoverBackground': 'rgba(90, 93, 94, 0.31)',
  'list-hoverBackground': '#2a2d2e',
  'list-inactiveSelectionBackground': '#37373d',
  'quickInput-background': '#222222',
  'quickInput-foreground': '#cccccc',
  'progressBar-background': '#0078d4',
  'inputValidation-warningBackground': '#352a05',
  'inputValidation-warningBorder': '#b89500',
  'inputValidation-errorBackground': '#5a1d1d',
  'inputValidation-errorBorder': '#be1100',
  'keybindingLabel-background': 'rgba(128, 128, 128, 0.17)',
  'keybindingLabel-foreground': '#cccccc',
  'chat-requestBackground': 'rgba(31, 31, 31, 0.62)',
  'chat-requestBorder': 'rgba(255, 255, 255, 0.1)',
  'testing-iconPassed': '#73c991',
  'charts-green': '#89d185',
  'scrollbarSlider-background': 'rgba(121, 121, 121, 0.4)',
  'scrollbarSlider-hoverBackground': 'rgba(100, 100, 100, 0.7)',
};

const light: Record<string, string> = {
  foreground: '#3b3b3b',
  descriptionForeground: '#717171',
  errorForeground: '#f85149',
  focusBorder: '#005fb8',
  'icon-foreground': '#3b3b3b',
  'widget-border': '#e5e5e5',
  'widget-shadow': 'rgba(0, 0, 0, 0.16)',
  'sideBar-background': '#f8f8f8',
  'sideBar-foreground': '#3b3b3b',
  'sideBarSectionHeader-foreground': '#3b3b3b',
  'panel-border': '#e5e5e5',
  'panelTitle-activeBorder': '#005fb8',
  'editor-background': '#ffffff',
  'editor-foreground': '#3b3b3b',
  'editorWidget-background': '#f8f8f8',
  'editorWarning-foreground': '#bf8803',
  'textLink-foreground': '#005fb8',
  'textLink-activeForeground': '#005fb8',
  'textPreformat-foreground': '#3b3b3b',
  'textPreformat-background': 'rgba(0, 0, 0, 0.1)',
  'textBlockQuote-background': '#f8f8f8',
  'textBlockQuote-border': '#e5e5e5',
  'textCodeBlock-background': '#f8f8f8',
  'button-background': '#005fb8',
  'button-foreground': '#ffffff',
  'button-hoverBackground': '#0258a8',
  'button-border': 'rgba(0, 0, 0, 0.1)',
  'button-secondaryBackground': '#e5e5e5',
  'button-secondaryForeground': '#3b3b3b',
  'button-secondaryHoverBackground': '#cccccc',
  'input-background': '#ffffff',
  'input-foreground': '#3b3b3b',
  'input-border': '#cecece',
  'input-placeholderForeground': '#767676',
  'dropdown-background': '#ffffff',
  'dropdown-foreground': '#3b3b3b',
  'dropdown-border': '#cecece',
  'badge-background': '#cccccc',
  'badge-foreground': '#3b3b3b',
  'activityBarBadge-background': '#005fb8',
  'activityBarBadge-foreground': '#ffffff',
  'toolbar-hoverBackground': 'rgba(184, 184, 184, 0.31)',
  'list-hoverBackground': '#f2f2f2',
  'list-inactiveSelectionBackground': '#e4e6f1',
  'quickInput-background': '#f8f8f8',
  'quickInput-foreground': '#3b3b3b',
  'progressBar-background': '#005fb8',
  'inputValidation-warningBackground': '#f6f5d2',
  'inputValidation-warningBorder': '#b89500',
  'inputValidation-errorBackground': '#f2dede',
  'inputValidation-errorBorder': '#be1100',
  'keybindingLabel-background': 'rgba(221, 221, 221, 0.4)',
  'keybindingLabel-foreground': '#555555',
  'chat-requestBackground': 'rgba(255, 255, 255, 0.62)',
  'chat-requestBorder': 'rgba(0, 0, 0, 0.1)',
  'testing-iconPassed': '#388a34',
  'charts-green': '#388a34',
  'scrollbarSlider-background': 'rgba(100, 100, 100, 0.4)',
  'scrollbarSlider-hoverBackground': 'rgba(100, 100, 100, 0.7)',
};

/** The body classes VS Code sets for a theme kind. */
export function themeBodyClass(theme: ThemeName): string {
  return theme === 'dark' ? 'vscode-dark' : 'vscode-light';
}

/** The variables on :root, plus VS Code's default webview stylesheet (abridged to what affects this view). */
export function themeCss(theme: ThemeName): string {
  const vars = { ...common, ...(theme === 'dark' ? dark : light) };
  const declarations = Object.entries(vars)
    .map(([name, value]) => `  --vscode-${name}: ${value};`)
    .join('\n');
  return `:root {\n${declarations}\n}
html { scrollbar-color: var(--vscode-scrollbarSlider-background) var(--vscode-sideBar-background); }
body {
  background-color: var(--vscode-sideBar-background);
  color: var(--vscode-foreground);
  font-family: var(--vscode-font-family);
  font-weight: var(--vscode-font-weight);
  font-size: var(--vscode-font-size);
  margin: 0;
  padding: 0 20px;
}
code { font-family: var(--vscode-editor-font-family); }
:focus { outline-color: var(--vscode-focusBorder); }
`;
}
