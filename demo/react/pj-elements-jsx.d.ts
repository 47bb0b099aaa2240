/**
 * TypeScript JSX typing for the three pj-elements in React 19. Copy this file into your app (and import
 * the types from 'pj-elements' instead of the sources).
 *
 * React 19 handles custom elements natively:
 * - a prop whose name is a property of the element (`amount`, `locale`, `requestId`…) is set as that
 *   property, so objects like `locale` pass as they are; any other prop (`request-id`) becomes an attribute;
 * - a prop `on<event-name>` adds a listener for that exact event name: `onpj-payment-approved={fn}` is
 *   `addEventListener('pj-payment-approved', fn)`, swapped when `fn` changes and removed on unmount.
 * The elements must be defined (`import 'pj-elements'`) before React renders them.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type {
  PjErrorEvent,
  PjPaymentApprovedEvent,
  PjPaymentCancelledEvent,
  PjPaymentDeclinedEvent,
  PjRequestStatusEvent,
  PjScheduleCreatedEvent,
  PjScheduleForm,
  PjTerminalPay,
  PjTxStatus,
} from '../../src/index.js';

type ElementProps<E extends HTMLElement> = DetailedHTMLProps<HTMLAttributes<E>, E>;

export interface PjTerminalPayProps
  extends
    ElementProps<PjTerminalPay>,
    Partial<
      Pick<
        PjTerminalPay,
        | 'endpoint'
        | 'amount'
        | 'smartTerminalId'
        | 'invoiceNumber'
        | 'allowTips'
        | 'tax'
        | 'action'
        | 'locale'
        | 'requestId'
      >
    > {
  'onpj-request-status'?: (event: PjRequestStatusEvent) => void;
  'onpj-payment-approved'?: (event: PjPaymentApprovedEvent) => void;
  'onpj-payment-declined'?: (event: PjPaymentDeclinedEvent) => void;
  'onpj-payment-cancelled'?: (event: PjPaymentCancelledEvent) => void;
  'onpj-error'?: (event: PjErrorEvent) => void;
}

export interface PjTxStatusProps
  extends ElementProps<PjTxStatus>, Partial<Pick<PjTxStatus, 'endpoint' | 'transactionId' | 'requestId' | 'locale'>> {
  'onpj-request-status'?: (event: PjRequestStatusEvent) => void;
  'onpj-error'?: (event: PjErrorEvent) => void;
}

export interface PjScheduleFormProps
  extends
    ElementProps<PjScheduleForm>,
    Partial<Pick<PjScheduleForm, 'endpoint' | 'terminalId' | 'methods' | 'amount' | 'locale'>> {
  'onpj-schedule-created'?: (event: PjScheduleCreatedEvent) => void;
  'onpj-error'?: (event: PjErrorEvent) => void;
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'pj-terminal-pay': PjTerminalPayProps;
      'pj-tx-status': PjTxStatusProps;
      'pj-schedule-form': PjScheduleFormProps;
    }
  }
}
