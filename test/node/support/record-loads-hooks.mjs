// The hooks record-loads.mjs registers: they run on Node's hooks thread and write synchronously, so
// a load is on file before the importing module gets it.
import { appendFileSync } from 'node:fs';

let file;

export function initialize(data) {
  file = data.file;
}

export async function load(url, context, nextLoad) {
  if (file) appendFileSync(file, `${url}\n`);
  return nextLoad(url, context);
}
