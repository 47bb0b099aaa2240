/**
 * Field checks shared by the simulator's endpoints. Failures are collected in PayJunction's error
 * item shape ({message, parameter, type}) and thrown together, as PayJunction reports every bad
 * field of a request at once.
 */
import type { MoneyProblem } from '../../src/protocol/money.js';
import { moneyProblem, normalizeMoney } from '../../src/protocol/money.js';
import { SCHEDULE_FIELDS } from '../../src/protocol/schedule.js';
import type { PjContact, PjErrorItem } from '../../src/protocol/wire.js';
import { invalid, PjValidationError, required } from './errors.js';
import type { FormParams } from './form.js';

/** "amountBase" → "Amount Base", "billingZip" → "Billing Zip": PayJunction's label style. */
export function label(param: string): string {
  const words = param.replace(/\[\]$/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The simulator's wording, in PayJunction's style, of each reason the one money rule
 * (`moneyProblem` of src/protocol/money.ts) refuses an amount. The rule itself is not repeated here.
 */
const MONEY_MESSAGES: Readonly<Record<MoneyProblem, (label: string) => string>> = {
  money: (label) => `${label} must be an amount such as 1000.00.`,
  moneyMax: (label) => `${label} can not be more than 1,000,000.00.`,
  moneyPositive: (label) => `${label} must be greater than 0.00.`,
};

/**
 * Max lengths of the contact fields, read from the one definition of POST /schedules' fields in
 * src/protocol (identical for billing* and shipping*), keyed by suffix: FirstName → 16.
 */
const CONTACT_MAX: Readonly<Record<string, number>> = Object.fromEntries(
  SCHEDULE_FIELDS.filter((f) => f.group === 'billing' && f.maxLength !== undefined).map((f) => [
    f.name.slice('billing'.length),
    f.maxLength as number,
  ]),
);

export class FieldChecker {
  readonly errors: PjErrorItem[] = [];
  constructor(readonly form: FormParams) {}

  add(error: PjErrorItem): void {
    this.errors.push(error);
  }

  /** A money parameter; returns it normalized ("12.5" → "12.50") when valid. */
  money(param: string, options: { required?: boolean; positive?: boolean } = {}): string | undefined {
    const raw = this.form.text(param);
    if (raw === undefined) {
      if (options.required) this.add(required(param, `${label(param)} is required.`));
      return undefined;
    }
    const problem = moneyProblem(raw, { positive: options.positive === true });
    if (problem !== undefined) {
      this.add(invalid(param, MONEY_MESSAGES[problem](label(param))));
      return undefined;
    }
    return normalizeMoney(raw);
  }

  /** One of `values` (case-insensitive); returns the canonical value. */
  oneOf<T extends string>(param: string, values: readonly T[], options: { required?: boolean } = {}): T | undefined {
    const raw = this.form.text(param);
    if (raw === undefined) {
      if (options.required) this.add(required(param));
      return undefined;
    }
    const found = values.find((v) => v === raw.toUpperCase());
    if (found === undefined) this.add(invalid(param, `${label(param)} must be one of ${values.join(', ')}.`));
    return found;
  }

  boolean(param: string): boolean | undefined {
    const raw = this.form.text(param);
    if (raw === undefined) return undefined;
    const lower = raw.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    this.add(invalid(param, `${label(param)} must be true or false.`));
    return undefined;
  }

  requiredText(param: string, max?: number, message?: string): string | undefined {
    const raw = this.form.text(param);
    if (raw === undefined) {
      this.add(required(param, message));
      return undefined;
    }
    return this.maxLength(param, max) ? raw : undefined;
  }

  optionalText(param: string, max?: number): string | undefined {
    const raw = this.form.text(param);
    if (raw === undefined) return undefined;
    return this.maxLength(param, max) ? raw : undefined;
  }

  private maxLength(param: string, max: number | undefined): boolean {
    const raw = this.form.get(param) ?? '';
    if (max !== undefined && raw.length > max) {
      this.add(invalid(param, `${label(param)} can not be longer than ${max} characters.`));
      return false;
    }
    return true;
  }

  /** Checks the max lengths of every billing* or shipping* field and builds the contact object. */
  contact(prefix: 'billing' | 'shipping'): PjContact | undefined {
    const contact: PjContact = {};
    const address: NonNullable<PjContact['address']> = {};
    for (const [suffix, max] of Object.entries(CONTACT_MAX)) {
      const value = this.optionalText(`${prefix}${suffix}`, max);
      if (value === undefined) continue;
      switch (suffix) {
        case 'Address':
          address.address = value;
          break;
        case 'City':
          address.city = value;
          break;
        case 'State':
          address.state = value;
          break;
        case 'Zip':
          address.zip = value;
          break;
        case 'Country':
          address.country = value;
          break;
        default: {
          const key = (suffix.charAt(0).toLowerCase() + suffix.slice(1)) as keyof Omit<PjContact, 'address'>;
          contact[key] = value;
        }
      }
    }
    if (Object.keys(address).length > 0) contact.address = address;
    return Object.keys(contact).length > 0 ? contact : undefined;
  }

  /** Throws the collected failures as one 400. */
  throwIfAny(): void {
    if (this.errors.length > 0) throw new PjValidationError(this.errors);
  }
}
