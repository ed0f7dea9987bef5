// Test fixtures only: parsing markup is how the page under test would get its DOM.

/** Puts `html` into the test document inside a fresh host element. */
export function mount(html: string): HTMLElement {
  const host = document.createElement('div');
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  host.append(...Array.from(doc.body.childNodes).map((n) => document.importNode(n, true)));
  document.body.append(host);
  return host;
}
