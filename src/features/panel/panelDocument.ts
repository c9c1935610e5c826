/** The view's stylesheets, as paths inside the extension, in cascade order. */
export const PANEL_STYLESHEETS: readonly (readonly [string, string])[] = [
  ['media', 'panel.css'],
  ['media', 'status.css'],
  ['dist', 'codicons.css'],
  ['media', 'chat.css'],
];

/** What the view's page is made of; URIs are already webview URIs. */
export interface PanelDocumentParts {
  /** `webview.cspSource`: the only origin styles, fonts and images may come from. */
  readonly cspSource: string;
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUris: readonly string[];
}

/**
 * The panel's HTML: a strict CSP (nothing but our nonce'd script and our own
 * stylesheets and font), no inline handlers, no inline styles. Pure, so the
 * webview tests serve exactly this page.
 */
export function panelDocument(parts: PanelDocumentParts): string {
  const csp = [
    "default-src 'none'",
    `style-src ${parts.cspSource}`,
    `font-src ${parts.cspSource}`,
    `img-src ${parts.cspSource}`,
    `script-src 'nonce-${parts.nonce}'`,
  ].join('; ');
  const styles = parts.styleUris.map((uri) => `<link rel="stylesheet" href="${uri}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
<title>Hearth</title>
</head>
<body>
<main id="app"><p class="muted">Loading…</p></main>
<script nonce="${parts.nonce}" src="${parts.scriptUri}"></script>
</body>
</html>`;
}
