import { css } from 'lit';

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
    font-weight: 600;
    font-size: 1rem;
  }
  details > fieldset {
    border: 0;
    padding: 0;
  }
  .g {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
    gap: 0 var(--_space);
  }
  .f {
    display: grid;
    gap: 0.25rem;
    margin-bottom: var(--_space);
    align-content: start;
  }
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
  input[readonly] {
    border-style: dashed;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
    border-width: 2px;
  }
  .r {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
    margin: 0 1rem var(--_space) 0;
  }
  .r input {
    min-height: 0;
  }
  .e {
    margin: 0;
    color: var(--_danger);
  }
  [part='error'] {
    margin-bottom: var(--_space);
    padding: var(--_space);
    border-radius: var(--_radius);
    background: var(--_danger-bg);
    color: var(--_danger);
  }
  [part='error'] p {
    margin: 0 0 0.4rem;
  }
  [part='summary'] {
    padding: var(--_space);
    border-radius: var(--_radius);
    background: var(--_success-bg);
    color: var(--_success);
  }
  dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.25rem var(--_space);
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
  }
`;
