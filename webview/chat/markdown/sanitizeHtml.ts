import DOMPurify from 'dompurify';
import type { Config } from 'dompurify';
import { revealHiddenCharacters } from '../../../src/shared/hiddenCharacters';
import { linkTarget } from '../linkTarget';

// What marked produces for markdown, and nothing else: no images, media,
// frames, forms, SVG/MathML, style or meta of any kind. The renderer already
// shows raw HTML from the model as text; this allow-list is the second wall,
// and the CSP the third. `div` is only the wrapper sanitizeBlocks() puts around
// each block (marked writes none, and a model's <div> arrives escaped).
const CONFIG: Config & { RETURN_DOM_FRAGMENT: true } = {
  ALLOWED_TAGS: ['a', 'blockquote', 'br', 'code', 'del', 'div', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'li', 'ol', 'p', 'pre', 's', 'span', 'strong', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul'],
  ALLOWED_ATTR: ['href', 'class', 'align', 'start'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  // http(s), mailto, and scheme-less references (workspace paths, #anchors).
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
  RETURN_DOM_FRAGMENT: true,
};

type Purifier = ReturnType<typeof DOMPurify>;
let purifier: Purifier | undefined;

/** The view's own DOMPurify instance, its configuration parsed once (passing it to every call costs more than sanitizing a block). */
function purify(html: string): DocumentFragment {
  if (!purifier) {
    purifier = DOMPurify(window);
    purifier.setConfig(CONFIG);
  }
  return purifier.sanitize(html) as unknown as DocumentFragment;
}

/**
 * Links made inert: the href moves to `data-href` (nothing navigates,
 * nothing is prefetched) and a click asks the host to open it. A link whose
 * href the sanitizer dropped stays plain text. The tooltip is always the real
 * address, its hidden characters spelled out: a label can pretend to be
 * another URL, so the model's own link title never replaces it.
 */
function inertLinks(fragment: DocumentFragment): DocumentFragment {
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

/** Sanitized DOM for a block's HTML, links made inert. */
export function sanitizeHtml(html: string): DocumentFragment {
  return inertLinks(purify(html));
}

/**
 * Sanitized DOM for several blocks' HTML in one pass (each sanitizer call has
 * a fixed cost that dwarfs a short paragraph), each block's nodes apart.
 */
export function sanitizeBlocks(htmls: readonly string[]): DocumentFragment[] {
  if (htmls.length === 1) return [sanitizeHtml(htmls[0] as string)];
  const all = purify(htmls.map((html) => `<div>${html}</div>`).join(''));
  const wrappers = [...all.childNodes];
  // Blocks are balanced HTML from marked; if the wrappers did not survive one to one, go block by block.
  if (wrappers.length !== htmls.length || wrappers.some((w) => !(w instanceof HTMLDivElement))) return htmls.map(sanitizeHtml);
  return wrappers.map((wrapper) => {
    const fragment = document.createDocumentFragment();
    fragment.append(...wrapper.childNodes);
    return inertLinks(fragment);
  });
}
