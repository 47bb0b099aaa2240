/**
 * `npm start`: everything a newcomer needs, with no credentials. At this stage it runs the
 * PayJunction simulator; the relay and the demo page join it in later issues.
 */
import { startSimulator } from '../simulator/index.js';

const port = Number(process.env.PJ_SIMULATOR_PORT ?? 8081);
const sim = await startSimulator({ port });
console.log(`PayJunction simulator listening on ${sim.url}`);
console.log('Press Ctrl+C to stop.');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sim.close().then(() => process.exit(0));
  });
}
