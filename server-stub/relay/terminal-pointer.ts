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

/** The terminals our last request could not reach: smartTerminalId → when it ended NO_CONNECTION (ISO). */
const UNREACHABLE = 'terminals-unreachable';
type Unreachable = Record<string, string>;

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

  /**
   * What a request's status says about its terminal: NO_CONNECTION, PayJunction could not reach it
   * (remembered with the time); IN_PROGRESS, BUSY or COMPLETE, it answered (forgotten). PayJunction's
   * terminal list says nothing of this, so it is the only way a picker can warn before a 10 s wait.
   */
  async noteReach(smartTerminalId: string, status: string, at: string): Promise<void> {
    const { store, timings } = this.#core;
    const reached = status === 'IN_PROGRESS' || status === 'BUSY' || status === 'COMPLETE';
    if (status !== 'NO_CONNECTION' && !reached) return;
    // Read first: most reports change nothing here, and a read is cheaper than an atomic update.
    const known = (await store.getValue<Unreachable>(UNREACHABLE))?.[smartTerminalId];
    if (reached ? known === undefined : known !== undefined && known >= at) return;
    await store.updateValue<Unreachable>(
      UNREACHABLE,
      (current = {}) => {
        const { [smartTerminalId]: _was, ...others } = current;
        return reached ? others : { ...others, [smartTerminalId]: at };
      },
      timings.retentionMs,
    );
  }

  /** The terminals our last request could not reach, with when. */
  async unreachable(): Promise<Unreachable> {
    return (await this.#core.store.getValue<Unreachable>(UNREACHABLE)) ?? {};
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
