/**
 * PayJunction request bodies are `application/x-www-form-urlencoded` only; arrays are repeated
 * `name[]=…` keys (`buttons[]=Yes&buttons[]=No`).
 */
export class FormParams {
  private readonly values = new Map<string, string[]>();

  constructor(body: string) {
    for (const [key, value] of new URLSearchParams(body)) {
      const list = this.values.get(key);
      if (list) list.push(value);
      else this.values.set(key, [value]);
    }
  }

  /** The first value, or undefined when absent. An empty value counts as present (""). */
  get(name: string): string | undefined {
    return this.values.get(name)?.[0];
  }

  /** The first value trimmed, or undefined when absent or blank. */
  text(name: string): string | undefined {
    const value = this.get(name)?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  getAll(name: string): string[] {
    return this.values.get(name) ?? [];
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  /** Scalars as a plain record (first value of each key), for the shared validators. */
  toRecord(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, list] of this.values) out[key] = list[0] ?? '';
    return out;
  }
}
