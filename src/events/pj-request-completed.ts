import type { RequestSnapshot } from '../protocol/relay-contract.js';

/**
 * What a signature, prompt or input request returned, by its `kind`: the signature's id at PayJunction,
 * the label of the button the customer pressed, or what the customer typed.
 */
export type PjRequestCompletedDetail = { snapshot: RequestSnapshot } & (
  | { kind: 'signature'; signatureId: string }
  | { kind: 'prompt'; promptButton: string }
  | { kind: 'input'; inputValue: string }
);

/** A signature, prompt or input request returned its value (outcome `completed`). Fires exactly once per request. */
export type PjRequestCompletedEvent = CustomEvent<PjRequestCompletedDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'pj-request-completed': PjRequestCompletedEvent;
  }
}

/** The detail of a completed request's snapshot: its kind and the one value that kind returns. */
export function requestResult(snapshot: RequestSnapshot): PjRequestCompletedDetail {
  const { kind, signatureId = '', promptButton = '', inputValue = '' } = snapshot;
  if (kind === 'prompt') return { kind, promptButton, snapshot };
  if (kind === 'input') return { kind, inputValue, snapshot };
  return { kind: 'signature', signatureId, snapshot };
}
