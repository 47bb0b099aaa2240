import { css } from '../common/css.js';

export const scheduleFormStyles = css`
  fieldset,
  details {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin: 0 0 var(--_space);
    padding: var(--_space);
  }
  legend,
  summary,
  h2 {
    font-size: 1rem;
  }
  legend,
  summary,
  h2,
  dt {
    font-weight: 600;
  }
  .fields {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
    gap: 0 var(--_space);
  }
  /* Short fields two to a row, even on a phone. */
  .pairs {
    grid-template-columns: repeat(auto-fill, minmax(8.5rem, 1fr));
  }
  .field {
    display: grid;
    gap: 0.25rem;
    margin-bottom: var(--_space);
    align-content: start;
    min-width: 0;
  }
  .payment-fields {
    display: block;
    width: 100%;
    height: 0;
    border: 0;
    margin-bottom: var(--_space);
  }
  [hidden] {
    display: none;
  }
  .field > input,
  .field > select {
    width: 100%;
  }
  input[readonly] {
    border-style: dashed;
  }
  [aria-invalid=true] {
    border-color: var(--_danger);
    border-width: 2px;
  }
  .method {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
    margin: 0 1rem var(--_space) 0;
  }
  .method input {
    min-height: 0;
  }
  .field-error,
  dd {
    margin: 0;
  }
  .field-error,
  [part=error] {
    color: var(--_danger);
  }
  [part=error],
  [part=summary] {
    padding: var(--_space);
    border-radius: var(--_radius);
    background: var(--_danger-bg);
  }
  [part=error] {
    margin-bottom: var(--_space);
  }
  [part=error] p {
    margin: 0 0 0.4rem;
  }
  [part=summary] {
    background: var(--_success-bg);
    color: var(--_success);
  }
  dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.25rem var(--_space);
  }
`;
