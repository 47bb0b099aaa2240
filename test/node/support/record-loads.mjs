// `node --import ./record-loads.mjs`: every module the process loads is appended, one URL a line, to
// the file named by RECORD_LOADS_TO. A module hook (https://nodejs.org/api/module.html#customization-hooks)
// sees each load whoever asks for it (static import, dynamic import, tsx), which no in-process list does.
import { register } from 'node:module';

register('./record-loads-hooks.mjs', import.meta.url, { data: { file: process.env.RECORD_LOADS_TO } });
