/**
 * The terminal pointer: which of our requests each Smart Terminal is running, so that timeouts and
 * cancels never touch another sale. At start a request takes the terminal unless a live request of
 * ours holds it (then this one will be refused as BUSY); once PayJunction reports it IN_PROGRESS the
 * terminal is running it, whatever the relay's possibly late view of the previous one says (follow).
 */
import { describeError } from '../log.js';
import type { RelayCore } from './core.js';
import type { StoredRequest } from './store.js';

/** Which of our requests a terminal is running, and when it started (the later one wins). */
interface TerminalPointer {
  requestId: string;
  startedAt: number;
}

const pointerName = (smartTerminalId: string) => `terminal:${smartTerminalId}`;

export class TerminalPointers {
  readonly #core: RelayCore;

  constructor(core: RelayCore) {
    this.#core = core;
  }

  /** A request was started on the terminal: point at it, unless a live request of ours holds the terminal. */
  async claim(smartTerminalId: string, requestId: string, startedAt: number): Promise<void> {
    const { store, timings } = this.#core;
    const holder = await store.getValue<TerminalPointer>(pointerName(smartTerminalId));
    if (holder !== undefined && holder.requestId !== requestId) {
      const held = await store.getRequest(holder.requestId);
      if (held && held.snapshot.outcome === null) return;
    }
    await store.updateValue<TerminalPointer>(
      pointerName(smartTerminalId),
      (current) => (current?.requestId === holder?.requestId ? { requestId, startedAt } : undefined),
      timings.retentionMs,
    );
  }

  /** PayJunction says the terminal runs this request: point at it, unless a later request already does. */
  async follow(smartTerminalId: string, requestId: string, startedAt: number): Promise<void> {
    await this.#core.store.updateValue<TerminalPointer>(
      pointerName(smartTerminalId),
      (current) =>
        current === undefined || (current.requestId !== requestId && current.startedAt <= startedAt)
          ? { requestId, startedAt }
          : undefined,
      this.#core.timings.retentionMs,
    );
  }

  async isLive(smartTerminalId: string, requestId: string): Promise<boolean> {
    return (await this.#core.store.getValue<TerminalPointer>(pointerName(smartTerminalId)))?.requestId === requestId;
  }

  async release(smartTerminalId: string, requestId: string): Promise<void> {
    await this.#core.store.updateValue<TerminalPointer>(
      pointerName(smartTerminalId),
      (current) => (current?.requestId === requestId ? null : undefined),
      this.#core.timings.retentionMs,
    );
  }

  /** Sends the terminal back to its main screen, only if the request is still its live one. */
  async free(record: StoredRequest): Promise<void> {
    const { requestId, smartTerminalId } = record.snapshot;
    const { log, upstream } = this.#core;
    if (!(await this.isLive(smartTerminalId, requestId))) {
      log.info({ requestId, smartTerminalId }, 'terminal left alone: another request is live on it');
      return;
    }
    try {
      await upstream.returnToMain(smartTerminalId);
      log.info({ requestId, smartTerminalId }, 'terminal sent back to its main screen');
      await this.release(smartTerminalId, requestId);
    } catch (err) {
      log.warn(
        { requestId, smartTerminalId, err: describeError(err) },
        'could not send the terminal back to its main screen',
      );
    }
  }
}
