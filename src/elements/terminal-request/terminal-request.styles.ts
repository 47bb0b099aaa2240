/**
 * `<pj-terminal-request>`'s own rules, on top of `<pj-terminal-pay>`'s status box (terminal-pay.styles.ts),
 * which it shares so that a state looks the same in both elements.
 */
import { css } from '../common/css.js';

// A typed value or a long question without spaces must wrap inside the box.
export const terminalRequestStyles = css`
  .head,
  li {
    overflow-wrap: anywhere;
  }
`;
