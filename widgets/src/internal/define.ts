/** Registers a tag once; a second registration (two bundles on one page) is a no-op. */
export function define(tag: string, element: CustomElementConstructor): void {
  if (typeof customElements === 'undefined' || customElements.get(tag)) return;
  customElements.define(tag, element);
}

/** Runs `task` once the next frame is painted: after its animation frame, in a task of its own. */
export function afterPaint(task: () => void): void {
  // Without frames (a test in Node), in a task of its own.
  if (typeof requestAnimationFrame === 'undefined') setTimeout(task);
  else requestAnimationFrame(() => setTimeout(task));
}
