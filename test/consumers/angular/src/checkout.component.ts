import { Component, CUSTOM_ELEMENTS_SCHEMA, input, signal } from '@angular/core';
import 'pj-elements'; // defines <pj-terminal-pay>, <pj-tx-status> and <pj-schedule-form>
import type { PjErrorEvent, PjPaymentApprovedEvent, TransactionView } from 'pj-elements';

@Component({
  selector: 'app-checkout',
  standalone: true,
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <pj-terminal-pay
      [amount]="total()"
      invoice-number="A-1001"
      (pj-payment-approved)="onApproved($event)"
      (pj-error)="onError($event)"
    ></pj-terminal-pay>
    @if (paid(); as tx) {
      <pj-tx-status [transactionId]="'' + tx.transactionId"></pj-tx-status>
    }
    @if (problem()) {
      <p role="alert">{{ problem() }}</p>
    }
  `,
})
export class CheckoutComponent {
  total = input.required<string>();
  paid = signal<TransactionView | undefined>(undefined);
  problem = signal('');
  onApproved(e: PjPaymentApprovedEvent) {
    this.paid.set(e.detail.transaction);
  }
  onError(e: PjErrorEvent) {
    this.problem.set(`${e.detail.code}: ${e.detail.message}`);
  }
}
