/**
 * The one way Tenantry widgets tell their host something: a `CustomEvent` named `tenantry-*` that
 * bubbles and crosses shadow roots, so a host listens once on any ancestor (or `document`).
 * Each event's `detail` type is declared in `GlobalEventHandlersEventMap` next to the widget that
 * emits it, which is also what makes `addEventListener('tenantry-…')` typed for hosts.
 */

/** Event names in the map that belong to Tenantry. */
export type TenantryEventName = Extract<keyof GlobalEventHandlersEventMap, `tenantry-${string}`>;

/** The `detail` of a Tenantry event, read from its declaration in `GlobalEventHandlersEventMap`. */
export type TenantryEventDetail<K extends TenantryEventName> = GlobalEventHandlersEventMap[K] extends CustomEvent<infer D> ? D : never;

/**
 * Dispatches `type` on `host` with `detail`. Cancelable, so a host can call `preventDefault()` to
 * take over a default (e.g. a link's navigation); returns `false` when it did.
 */
export function emit<K extends TenantryEventName>(host: EventTarget, type: K, detail: TenantryEventDetail<K>): boolean {
  return host.dispatchEvent(new CustomEvent(type, {detail, bubbles: true, composed: true, cancelable: true}));
}
