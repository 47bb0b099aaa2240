/**
 * The frame's style sheet: the elements' own theme (src/elements/common/theme.styles.ts: the --pj-*
 * tokens, their light and dark defaults, the controls' look), applied to this document instead of a
 * shadow root, and the layout of the frame's fields. Adopted as a constructed sheet, which a strict
 * style-src CSP allows (no <style> element, no style attribute).
 */
import { themeStyles } from '../elements/common/theme.styles.js';

const FRAME_CSS = `
  html, body { margin: 0; padding: 0; background: transparent; }
  /* Room for the controls' focus ring, which the frame's edge would clip. */
  body { padding: 4px; }
  form { display: grid; gap: 0; }
  [hidden] { display: none !important; }
  .field { display: grid; gap: 0.25rem; margin-bottom: var(--_space); align-content: start; min-width: 0; }
  .row { display: grid; grid-template-columns: 1fr 1fr; align-items: end; gap: 0 var(--_space); border: 0; padding: 0; margin: 0; min-width: 0; }
  .row legend { padding: 0; margin-bottom: 0.25rem; font-weight: 600; }
  label { font-weight: 600; }
  input, select { width: 100%; }
  .with-brand { position: relative; }
  .with-brand input { padding-right: 7.5rem; }
  .brand { position: absolute; right: 0.6rem; top: 50%; transform: translateY(-50%); font-size: 0.85em; font-weight: 600; }
  .field-error { margin: 0; color: var(--_danger); }
  [aria-invalid=true] { border-color: var(--_danger); }
`;

/** The theme's `:host` rules, written for this document (`:root`), then the frame's own. */
export function frameStyleSheet(): CSSStyleSheet {
  const theme = themeStyles.cssText.replace(/:host\(/g, ':root:is(').replace(/:host\b/g, ':root');
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(theme + FRAME_CSS);
  return sheet;
}
