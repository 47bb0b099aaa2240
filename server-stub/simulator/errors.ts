/** PayJunction's error body (https://developer.payjunction.com/hc/en-us/articles/218165658) and the simulator's own messages. */
import type { PjErrorBody, PjErrorItem } from '../../src/protocol/wire.js';

export const AUTH_FAILED_MESSAGE = 'Authentication failed. The API login and/or password is wrong.';
export const NOT_FOUND_MESSAGE = '404 Not Found';
export const TERMINAL_NOT_FOUND_MESSAGE = 'Terminal does not exist or you do not have permission to access it.';
export const FIELD_REQUIRED_MESSAGE = 'This field is required.';
export const TRANSACTION_NOT_FOUND_MESSAGE = 'Transaction does not exist or you do not have permission to access it.';
export const VAULT_NOT_FOUND_MESSAGE = 'Vault does not exist or you do not have permission to access it.';

export function errorBody(...errors: PjErrorItem[]): PjErrorBody {
  return { errors };
}

export function required(parameter: string, message = FIELD_REQUIRED_MESSAGE): PjErrorItem {
  return { message, parameter, type: 'required' };
}

export function invalid(parameter: string, message: string): PjErrorItem {
  return { message, parameter, type: 'invalid' };
}

/** A validation failure thrown by route handlers and turned into a 400 by the app. */
export class PjValidationError extends Error {
  readonly errors: PjErrorItem[];
  constructor(errors: PjErrorItem[]) {
    super(errors.map((e) => e.message).join(' '));
    this.errors = errors;
  }
}
