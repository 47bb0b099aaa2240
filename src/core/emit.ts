/**
 * The one way pj-elements fire events: bubbling and composed (they cross shadow roots), typed by
 * GlobalEventHandlersEventMap so `el.addEventListener('pj-payment-approved', e => e.detail…)` is typed.
 */
export function emit<K extends keyof GlobalEventHandlersEventMap>(
  target: EventTarget,
  name: K,
  detail: GlobalEventHandlersEventMap[K] extends CustomEvent<infer D> ? D : never,
): boolean {
  return target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}
