import DOMPurify from 'dompurify';
import type { Config } from 'dompurify';
import { revealHiddenCharacters } from '../../../src/shared/hiddenCharacters';
import { linkTarget } from '../linkTarget';

// What marked and highlight.js produce for markdown, and nothing else: no
// images, media, frames, forms, SVG/MathML, style or meta of any kind. The
// renderer already shows raw HTML from the model as text; this allow-list is
// the second wall, and the CSP the third.
const CONFIG: Config & { RETURN_DOM_FRAGMENT: true } = {
  ALLOWED_TAGS: ['a', 'blockquote', 'br', 'code', 'del', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'li', 'ol', 'p', 'pre', 's', 'span', 'strong', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul'],
  ALLOWED_ATTR: ['href', 'class', 'align', 'start'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  // http(s), mailto, and scheme-less references (workspace paths, #anchors).
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
  RETURN_DOM_FRAGMENT: true,
};

/**
 * Sanitized DOM for a block's HTML, with links made inert: the href moves to
 * `data-href` (nothing navigates, nothing is prefetched) and a click asks the
 * host to open it. A link whose href the sanitizer dropped stays plain text.
 * The tooltip is always the real address, its hidden characters spelled out:
 * a label can pretend to be another URL, so the model's own link title never
 * replaces it.
 */
export function sanitizeHtml(html: string): DocumentFragment {
  const fragment = DOMPurify.sanitize(html, CONFIG);
  for (const a of fragment.querySelectorAll('a')) {
    const href = a.getAttribute('href');
    a.removeAttribute('href');
    const target = linkTarget(href);
    if (target === undefined) continue;
    a.dataset.href = target;
    a.classList.add('md-link');
    a.setAttribute('role', 'link');
    a.tabIndex = 0;
    a.title = revealHiddenCharacters(target);
  }
  return fragment;
}
