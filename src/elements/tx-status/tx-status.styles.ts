import { css } from '../common/css.js';

// Kept compact: Lit's css`` text is not minified by the bundler and counts toward the size budget.
export const txStatusStyles = css`
.box{display:grid;gap:.5rem;padding:var(--_space);border:1px solid var(--_border);border-radius:var(--_radius);background:var(--_surface)}
.head,.row{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem .75rem}
.head{justify-content:space-between}
.badge{padding:.15rem .65rem;border:1px solid;border-radius:999px;font-weight:600;font-size:.875rem;color:var(--_text);background:var(--_surface)}
.ok{color:var(--_success);background:var(--_success-bg)}
.bad{color:var(--_danger);background:var(--_danger-bg)}
.warn{color:var(--_warning);background:var(--_warning-bg)}
[part=amount]{font-size:1.5rem;font-weight:700}
[part=amount],dd{font-variant-numeric:tabular-nums}
p,.guidance{display:block;margin:0;font-weight:600}
[part=card],dt,[part=elapsed]{color:var(--_muted)}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem .75rem;margin:0;font-size:.875rem}
dl>div{display:contents}
.error [part=message]{color:var(--_danger);font-weight:600}
button{justify-self:start}
`;
