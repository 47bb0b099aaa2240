/**
 * PayJunction's request bodies: application/x-www-form-urlencoded
 * (https://developer.payjunction.com/hc/en-us/articles/115004644968).
 * Booleans are the words "true"/"false", arrays are repeated `name[]=` pairs
 * (`buttons[]=Yes&buttons[]=No`, https://developer.payjunction.com/hc/en-us/articles/1260800114009),
 * and an absent value (undefined or null) is not sent at all, so PayJunction applies its default
 * instead of receiving an empty string. An empty string IS sent: it is how PUT /webhooks clears a
 * secret.
 */

export type FormScalar = string | number | boolean;
export type FormValue = FormScalar | readonly FormScalar[] | null | undefined;

export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded;charset=UTF-8';

function scalarToString(name: string, value: FormScalar): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    // NaN or Infinity would reach PayJunction as the words "NaN"/"Infinity": a bug upstream of us.
    if (!Number.isFinite(value)) throw new TypeError(`form field ${name} is not a finite number`);
    return String(value);
  }
  return value;
}

/** Encodes an object's own enumerable fields, in insertion order. */
export function encodeForm(params: object): string {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(params) as [string, FormValue][]) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      const arrayName = name.endsWith('[]') ? name : `${name}[]`;
      for (const item of value as readonly FormScalar[]) {
        if (item === undefined || item === null) continue;
        form.append(arrayName, scalarToString(name, item));
      }
      continue;
    }
    if (typeof value === 'object')
      throw new TypeError(`form field ${name} is an object; PayJunction takes flat fields`);
    form.append(name, scalarToString(name, value as FormScalar));
  }
  return form.toString();
}
