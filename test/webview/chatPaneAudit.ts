// What hostile text may never leave in the chat pane, checked inside the page
// (page.evaluate / frame.evaluate). Shared by the webview tier and the e2e battery.

export const FORBIDDEN_TAGS = ['script', 'img', 'iframe', 'frame', 'form', 'input', 'svg', 'math', 'meta', 'style', 'link', 'object', 'embed', 'base', 'video', 'audio', 'source', 'picture', 'noscript', 'template'];
export const URL_ATTRIBUTES = ['href', 'src', 'srcset', 'action', 'formaction', 'srcdoc', 'poster', 'xlink:href', 'ping', 'background', 'data'];

/** The chat input sizes itself through the CSSOM (allowed by the CSP; no text reaches it): its style attribute is ours. */
export const OWN_STYLED = '[data-testid="chat-input"]';

export interface AuditRules {
  readonly tags: readonly string[];
  readonly urlAttributes: readonly string[];
  readonly ownStyled: string;
}

/**
 * Runs in the page: every forbidden element, event handler, style attribute
 * or URL-carrying attribute under #pane-chat. Self-contained, because
 * Playwright sends it to the page as source text.
 */
export function auditChatPane({ tags, urlAttributes, ownStyled }: AuditRules): string[] {
  const bad: string[] = [];
  const pane = document.getElementById('pane-chat');
  if (!pane) return ['no chat pane'];
  for (const node of pane.querySelectorAll('*')) {
    const tag = node.tagName.toLowerCase();
    if (tags.includes(tag)) bad.push(`<${tag}>`);
    for (const attr of node.getAttributeNames()) {
      const style = attr === 'style' && !node.matches(ownStyled);
      if (attr.startsWith('on') || style || urlAttributes.includes(attr)) bad.push(`${tag}[${attr}="${node.getAttribute(attr) ?? ''}"]`);
    }
  }
  return bad;
}

/** Runs in the page: what the payloads recorded if any of them ran. */
export function pwnedRecord(): unknown {
  return (window as unknown as { __pwned?: unknown }).__pwned;
}
