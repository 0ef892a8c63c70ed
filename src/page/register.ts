/**
 * Custom element registration that tolerates a host which already defined the tag: the extension
 * and a host page's script tag may both load the same widget, and a second `define` would throw.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}
