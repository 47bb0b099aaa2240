/**
 * Payment sources (keyed card, ACH, vault, earlier transaction) as the simulator keeps them: the
 * vault view (type, account type, last four) and a fingerprint for duplicate checks. The full card
 * or account number is never stored: the fingerprint is an HMAC under a key that lives only in
 * this process's memory.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { cardBrand, lastFour, stripDigits } from '../../src/protocol/card.js';
import type { PjVault } from '../../src/protocol/wire.js';

const FINGERPRINT_KEY = randomBytes(32);

export type SourceKind = 'card' | 'ach' | 'vault' | 'transaction';

export interface PaymentSource {
  kind: SourceKind;
  vault: PjVault;
  /** Equal for the same card number / ACH account / vaultId / transactionId. */
  fingerprint: string;
}

function fingerprint(kind: SourceKind, value: string): string {
  return `${kind}:${createHmac('sha256', FINGERPRINT_KEY).update(value).digest('hex')}`;
}

export function cardSource(cardNumber: string): PaymentSource {
  const digits = stripDigits(cardNumber);
  const brand = cardBrand(digits);
  return {
    kind: 'card',
    vault: { type: 'CARD', accountType: brand === 'UNKNOWN' ? 'CARD' : brand, lastFour: lastFour(digits) },
    fingerprint: fingerprint('card', digits),
  };
}

export function achSource(routingNumber: string, accountNumber: string, accountType: string): PaymentSource {
  const routing = stripDigits(routingNumber);
  const account = stripDigits(accountNumber);
  return {
    kind: 'ach',
    vault: { type: 'ACH', accountType, lastFour: lastFour(account) },
    fingerprint: fingerprint('ach', `${routing}/${account}`),
  };
}

export function vaultSource(vaultId: string, vault: PjVault): PaymentSource {
  return { kind: 'vault', vault: { ...vault }, fingerprint: `vault:${vaultId}` };
}

export function transactionSource(transactionId: number, vault: PjVault): PaymentSource {
  return { kind: 'transaction', vault: { ...vault }, fingerprint: `transaction:${transactionId}` };
}
