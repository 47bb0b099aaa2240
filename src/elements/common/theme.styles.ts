/**
 * The design tokens every pj-element reads. Hosts theme them with `--pj-*` custom properties
 * (documented with @cssproperty on each element); light and dark follow prefers-color-scheme.
 * The tokens of the status colours only some elements use (muted, warning) are in status.styles.ts.
 */
import { css } from './css.js';

export const themeStyles = css`
  :host {
    --_accent: var(--pj-color-accent, #1d4ed8);
    --_accent-text: var(--pj-color-accent-text, #fff);
    --_text: var(--pj-color-text, #1f2937);
    --_surface: var(--pj-color-surface, #fff);
    --_border: var(--pj-color-border, #9ca3af);
    --_success: var(--pj-color-success, #166534);
    --_success-bg: var(--pj-color-success-bg, #dcfce7);
    --_danger: var(--pj-color-danger, #b91c1c);
    --_danger-bg: var(--pj-color-danger-bg, #fee2e2);
    --_radius: var(--pj-radius, 8px);
    --_space: var(--pj-space, 0.75rem);
    display: block;
    font-family: var(--pj-font-family, system-ui, sans-serif);
    color: var(--_text);
    line-height: 1.4;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_accent: var(--pj-color-accent, #93c5fd);
      --_accent-text: var(--pj-color-accent-text, #0b1220);
      --_text: var(--pj-color-text, #e5e7eb);
      --_surface: var(--pj-color-surface, #111827);
      --_border: var(--pj-color-border, #6b7280);
      --_success: var(--pj-color-success, #86efac);
      --_success-bg: var(--pj-color-success-bg, #14532d);
      --_danger: var(--pj-color-danger, #fca5a5);
      --_danger-bg: var(--pj-color-danger-bg, #7f1d1d);
    }
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  /* Buttons and form controls: one look (an element without inputs pays a few bytes for it). */
  button,
  input,
  select {
    font: inherit;
    min-height: 2.75rem;
    padding: 0.4rem 0.6rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  button {
    padding: 0.5rem 1.1rem;
    cursor: pointer;
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-text);
    font-weight: 600;
  }
  button:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  /* Everything focusable: controls, summaries and the boxes focused after an outcome (tabindex=-1). */
  :focus-visible {
    outline: none;
    box-shadow: var(--pj-focus-ring, 0 0 0 3px color-mix(in srgb, var(--_accent) 45%, transparent));
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
