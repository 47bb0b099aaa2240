/**
 * PayJunction labs' trigger amounts (https://developer.payjunction.com/hc/en-us/articles/215872728):
 * which `amountBase` (and which AVS/CVV inputs) make labs approve or decline, and with which
 * response code. This is the one place the simulator decides approve/decline; POST /transactions,
 * Smart Terminal payments and the pre-authorization of POST /schedules all ask it.
 */
import { toCents } from '../../src/protocol/money.js';

/** The processor message for each code PayJunction documents (the page above). */
export const RESPONSE_MESSAGES: Readonly<Record<string, string>> = {
  '00': 'Approved',
  '01': 'Call Issuer',
  '04': 'Pick Up Card',
  '05': 'Do Not Honor',
  '10': 'Partial Approval',
  '12': 'Invalid Transaction',
  '13': 'Card Amount Invalid',
  '14': 'Card Number Invalid',
  '15': 'No Such Issuer',
  '19': 'Re-Enter',
  '51': 'Insufficient Funds',
  '54': 'Card Expired',
  '55': 'Wrong PIN',
  '57': 'Service Not Allowed',
  '61': 'Exceeds Withdrawal Limit',
  '62': 'Restricted SIC Code',
  '63': 'Restricted',
  '65': 'Exceeds Activity Limit',
  '75': 'PIN Try Exceeded',
  '78': 'No Account',
  '85': 'Approved',
  '91': 'No Reply',
  '97': 'CVV2 Mismatch',
  AA: 'AVS No Match: Address',
  AI: 'AVS Not Supported: International',
  AN: 'AVS Not Supported',
  AU: 'AVS Unavailable',
  DT: 'Duplicate Transaction',
};

/** Literal `amountBase` (in cents) → response code, as labs documents them. */
export const TRIGGER_AMOUNTS: Readonly<Record<number, string>> = {
  1: '01',
  2: '13',
  3: '54',
  4: '14',
  5: '05',
  6: '61',
  7: '65',
  8: '51',
  9: '12',
  10: '63',
  11: '15',
  12: '04',
  13: '19',
  14: '62',
  15: '57',
  16: '78',
  91: '91',
  98: '10',
  99: '00',
};

/** `billingZip` values labs answers with an "AVS not supported/unavailable" gateway decline. */
export const TRIGGER_ZIPS: Readonly<Record<string, string>> = {
  '99998': 'AI',
  '999970009': 'AN',
  '99999': 'AU',
};

/** Above this (in cents) labs declines with 05 ("over $4,999"). */
export const DECLINE_ABOVE_CENTS = 4999_00;

/** Gateway declines after the issuer authorized: funds are held until reversal (https://support.payjunction.com/hc/en-us/articles/211149587). */
const DECLINED_AFTER_AUTHORIZATION = new Set(['97', 'AA', 'AI', 'AN', 'AU']);

const APPROVAL_CODES = new Set(['00', '85']);

export interface TriggerInput {
  /** Money string as sent (validated by the caller). */
  amountBase: string;
  cvv?: string | undefined;
  cardCvv?: string | undefined;
  avs?: string | undefined;
  billingAddress?: string | undefined;
  billingZip?: string | undefined;
}

export interface Decision {
  approved: boolean;
  code: string;
  message: string;
  /** processor.authorized: true for approvals and for AVS/CVV declines after authorization. */
  authorized: boolean;
  level3Eligible?: boolean;
}

/** The response for a given code, whichever way it was chosen (trigger or test control). */
export function decisionForCode(code: string): Decision {
  const approved = APPROVAL_CODES.has(code);
  return {
    approved,
    code,
    message: RESPONSE_MESSAGES[code] ?? 'Declined',
    authorized: approved || DECLINED_AFTER_AUTHORIZATION.has(code),
  };
}

/** What labs answers for these inputs. */
export function decide(input: TriggerInput): Decision {
  const cents = toCents(input.amountBase);
  const byAmount = TRIGGER_AMOUNTS[cents];
  if (byAmount !== undefined) return decisionForCode(byAmount);
  if (cents > DECLINE_ABOVE_CENTS) return decisionForCode('05');
  if (cents === 100) {
    if (input.cvv?.toUpperCase() === 'ON' && input.cardCvv === '555') return decisionForCode('97');
    if (input.avs?.toUpperCase() === 'ADDRESS' && input.billingAddress === 'addressNoMatch')
      return decisionForCode('AA');
  }
  const byZip = input.billingZip !== undefined ? TRIGGER_ZIPS[input.billingZip] : undefined;
  if (byZip !== undefined) return decisionForCode(byZip);
  if (cents === 103) return { ...decisionForCode('00'), level3Eligible: false };
  return decisionForCode('00');
}
