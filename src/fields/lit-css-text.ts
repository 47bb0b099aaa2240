/**
 * What the frame's build gives the elements' theme module in place of Lit (scripts/build.mjs aliases
 * `lit` to this file for dist/fields/ only): the frame needs the theme's CSS text, not Lit, whose
 * modules would be most of the frame's bytes. Same shape as Lit's unsafeCSS result, as far as
 * fields.styles.ts reads it (`cssText`).
 */
export const unsafeCSS = (text: unknown) => ({ cssText: String(text) });
