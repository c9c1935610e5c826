// Hostile text for the chat: model replies, thinking, AGENTS.md-steered
// answers and file names that try to run script, load something, or navigate.
// Each payload that ran would record itself in window.__pwned, and each that
// loaded anything would hit the probe server at `probe` (a loopback origin the
// test starts). Shared by the webview tier and the end-to-end battery.

/** What running script records: `window.__pwned` lists the payloads that ran. */
export function pwn(name: string): string {
  return `(window.__pwned=window.__pwned||[]).push('${name}')`;
}

export interface XssPayload {
  readonly name: string;
  /** Markdown as a model would send it. */
  readonly markdown: string;
}

export function xssPayloads(probe: string): XssPayload[] {
  const p = (name: string): string => `${probe}/${name}`;
  return [
    { name: 'script', markdown: `Here you go:\n\n<script>${pwn('script')};fetch('${p('script-fetch')}')</script>\n\nDone.` },
    { name: 'script-inline', markdown: `Inline <script>${pwn('script-inline')}</script> in a paragraph.` },
    { name: 'img-onerror', markdown: `<img src=x onerror="${pwn('img-onerror')}">` },
    { name: 'img-src', markdown: `Look: <img src="${p('img-src')}"> and ![alt text](${p('md-image')})` },
    { name: 'img-ref', markdown: `![logo][logo]\n\n[logo]: ${p('md-image-ref')}` },
    { name: 'svg-onload', markdown: `<svg onload="${pwn('svg-onload')}"><circle r="5"/></svg>` },
    { name: 'svg-script', markdown: `<svg><script>${pwn('svg-script')}</script><image href="${p('svg-image')}"/></svg>` },
    { name: 'md-js-link', markdown: `[click me](javascript:${pwn('md-js-link')})` },
    { name: 'md-js-mixed-case', markdown: `[click](JaVaScRiPt:${pwn('md-js-mixed-case')})` },
    { name: 'md-js-entity', markdown: `[click](&#106;avascript&#58;${pwn('md-js-entity')}) and [hex](&#x6A;&#x61;vascript:${pwn('md-js-hex')})` },
    { name: 'md-js-whitespace', markdown: `[tab](java\tscript:${pwn('md-js-tab')}) [nl](<java\nscript:alert(1)>) [sp]( javascript:${pwn('md-js-space')})` },
    { name: 'md-js-angle', markdown: `[angle](<javascript:${pwn('md-js-angle')}>)` },
    { name: 'md-vbscript', markdown: `[vb](vbscript:msgbox(1))` },
    { name: 'md-data-link', markdown: `[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+)` },
    { name: 'md-data-html', markdown: `[data2](data:text/html,<script>${pwn('md-data-html')}</script>)` },
    { name: 'raw-a-js', markdown: `<a href="javascript:${pwn('raw-a-js')}">raw js link</a>` },
    { name: 'raw-a-probe', markdown: `<a href="${p('raw-a')}" onclick="${pwn('raw-a-onclick')}" ping="${p('raw-a-ping')}">raw link</a>` },
    { name: 'raw-a-data', markdown: `<a href="data:text/html,<script>${pwn('raw-a-data')}</script>">raw data link</a>` },
    { name: 'autolink-js', markdown: `<javascript:${pwn('autolink-js')}>` },
    { name: 'autolink-probe', markdown: `<${p('autolink')}> and ${p('bare-url')}` },
    { name: 'ref-js', markdown: `[ref link][evil]\n\n[evil]: javascript:${pwn('ref-js')}` },
    { name: 'ref-probe', markdown: `[safe ref][probe] text\n\n[probe]: ${p('ref')} "title"` },
    { name: 'link-title', markdown: `[t](${p('titled')} "\\" onmouseover=\\"${pwn('link-title')}")` },
    { name: 'iframe', markdown: `<iframe src="${p('iframe')}"></iframe><iframe srcdoc="<script>parent.${pwn('iframe-srcdoc')}</script>"></iframe>` },
    { name: 'style', markdown: `<style>@import url(${p('style-import')}); body { background: url(${p('style-bg')}) }</style>` },
    { name: 'style-attr', markdown: `<div style="background:url(${p('style-attr')})">styled</div> <span style="background-image:url('${p('style-span')}')">x</span>` },
    { name: 'css-url-md', markdown: `A css snippet: \`background: url(${p('css-code')})\` and\n\n\`\`\`css\nbody { background: url(${p('css-fence')}); }\n\`\`\`` },
    { name: 'form', markdown: `<form action="${p('form')}" method="post"><input name=q autofocus onfocus="${pwn('form-onfocus')}"><button formaction="${p('formaction')}">Send</button></form>` },
    { name: 'meta-refresh', markdown: `<meta http-equiv="refresh" content="0;url=${p('meta-refresh')}">` },
    { name: 'link-tag', markdown: `<link rel="stylesheet" href="${p('link-stylesheet')}"><link rel="prefetch" href="${p('link-prefetch')}">` },
    { name: 'object-embed', markdown: `<object data="${p('object')}"></object><embed src="${p('embed')}">` },
    { name: 'base', markdown: `<base href="${p('base')}/">[relative](x.html)` },
    { name: 'media', markdown: `<video poster="${p('video-poster')}" src="${p('video')}"></video><audio src="${p('audio')}" autoplay></audio><input type="image" src="${p('input-image')}">` },
    { name: 'details-ontoggle', markdown: `<details open ontoggle="${pwn('details-ontoggle')}"><summary>x</summary>y</details>` },
    { name: 'mxss-math', markdown: `<math><mtext><table><mglyph><style><img src=x onerror="${pwn('mxss-math')}">` },
    { name: 'mxss-noscript', markdown: `<noscript><p title="</noscript><img src=x onerror=${pwn('mxss-noscript')}>">` },
    { name: 'html-in-list', markdown: `- item <img src=x onerror="${pwn('html-in-list')}">\n- <b onmouseover="${pwn('html-b')}">bold</b>` },
    { name: 'html-in-table', markdown: `| a | b |\n|---|---|\n| <img src=x onerror="${pwn('html-in-table')}"> | [x](javascript:${pwn('table-js')}) |` },
    { name: 'fence-info', markdown: `\`\`\`" onmouseover="${pwn('fence-info')}\ncode\n\`\`\`` },
    { name: 'fence-html', markdown: `\`\`\`html\n<script>${pwn('fence-html')}</script>\n<img src="${p('fence-img')}">\n\`\`\`` },
    { name: 'open-fence-html', markdown: `Streaming:\n\n\`\`\`html\n<img src=x onerror="${pwn('open-fence')}"><script>${pwn('open-fence-script')}</script>` },
    { name: 'entity-tag', markdown: `&lt;img src=x onerror="${pwn('entity-tag')}"&gt; and &#60;script&#62;${pwn('entity-script')}&#60;/script&#62;` },
    { name: 'heading-html', markdown: `# <img src="${p('heading-img')}"> Heading` },
  ];
}
