/**
 * The href a reply's link may ask the host to open, or undefined for schemes
 * that are never even sent: script and inline-data URLs. The host decides
 * about the rest (http/https with VS Code's confirmation, workspace files,
 * never command: or vscode:). Browsers ignore ASCII whitespace and control
 * characters inside a scheme, so they are removed before the check.
 */
export function linkTarget(href: string | null | undefined): string | undefined {
  if (!href) return undefined;
  // eslint-disable-next-line no-control-regex
  const scheme = href.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
  if (scheme.length === 0 || /^(?:javascript|data|vbscript):/.test(scheme)) return undefined;
  return href.length <= 2048 ? href : undefined;
}
