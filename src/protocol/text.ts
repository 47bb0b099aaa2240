/**
 * Fills `{name}` placeholders: format('Approved {amount}', { amount: '$1.00' }) → "Approved $1.00".
 * A placeholder without a value stays as written. One function for the validation sentences of the
 * protocol and the elements' strings (src/locales/locale.ts re-exports it).
 */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
