/** A protocol validation result as the value, or as the 400 the browser would show field by field. */
import type { ValidationResult } from '../../../src/protocol/wire.js';
import { RelayError } from '../../relay/errors.js';

/** A protocol validation result, or a 400 with the same field messages the browser shows. */
export function validated<T>(result: ValidationResult<T>): T {
  if (result.ok) return result.value;
  const first = result.errors[0]?.message ?? 'Some fields are not valid.';
  throw new RelayError(400, 'invalid_request', result.errors.length > 1 ? 'Some fields need attention.' : first, {
    fields: result.errors,
  });
}
