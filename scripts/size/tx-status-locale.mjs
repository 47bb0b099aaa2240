// A page that shows one element and sets the page's language, written as an npm user would
// (`pj-elements/tx-status`, `pj-elements/locales`), here on the published ES modules in dist/: what
// scripts/build.mjs bundles into dist/size/tx-status-locale.js for size-limit. Tree-shaking follows
// package.json "sideEffects", so this also shows that pj-elements/locales brings no other element.
// (`es` instead of `en` adds the Spanish words of all four elements: about 6.2 kB gzip.)
import '../../dist/tx-status.js';
import { en, setLocale } from '../../dist/locales/index.js';

setLocale(en);
