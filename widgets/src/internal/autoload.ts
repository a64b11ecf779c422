/**
 * Registers elements whose code loads only when a page uses them: the first time such a tag is in
 * the document (at start or added later), its module is imported and the element upgrades in place.
 */
export function autoload(loaders: Record<string, () => Promise<unknown>>): void {
  if (typeof document === 'undefined' || typeof MutationObserver === 'undefined') return;
  const pending = new Map(Object.entries(loaders));
  const selector = [...pending.keys()].join(',');
  const load = (tag: string) => {
    const loader = pending.get(tag);
    if (!loader) return;
    pending.delete(tag);
    loader().catch((error: unknown) => {
      pending.set(tag, loader);
      console.error(`[finlet] could not load <${tag}>`, error);
    });
    if (pending.size === 0) observer.disconnect();
  };
  const scan = (root: ParentNode) => {
    if (pending.size === 0) return;
    for (const element of root.querySelectorAll(selector)) load(element.localName);
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1) continue;
        const element = node as Element;
        if (pending.has(element.localName)) load(element.localName);
        scan(element);
      }
    }
  });
  observer.observe(document, { childList: true, subtree: true });
  scan(document);
}
