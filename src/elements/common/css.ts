import { unsafeCSS, type CSSResult } from 'lit';

/**
 * Lit's css`` for our static style sheets, which interpolate nothing (the signature refuses `${…}`):
 * the same CSSResult, made by Lit's unsafeCSS from the literal text, so the bundles leave out Lit's
 * `css` tag, its interpolation checks and their error message. Keep the name `css`:
 * scripts/minify-templates.mjs squeezes css`` templates by that name.
 */
export const css = (strings: TemplateStringsArray): CSSResult => unsafeCSS(strings[0]);
