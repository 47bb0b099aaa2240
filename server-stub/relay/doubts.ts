/**
 * In-doubt reconciliation: finds, among PayJunction's reports about requests this relay never saw
 * start, the attempts whose answer was lost. An attempt in doubt has a relay-made request standing for
 * it (start.ts); it is linked to PayJunction's request by a matching transaction, by PayJunction's own
 * answer arriving late, or by elimination, and unlinked again if its transaction proves someone else's.
 */
import type { PjSmartTerminalRequestData, PjTransaction } from '../../src/protocol/wire.js';
import type { RelayCore } from './core.js';
import { statusEvent } from './intake.js';
import type { AttemptInfo } from './attempts.js';
import type { RequestSnapshot } from '../../src/protocol/relay-contract.js';
import type { StoredRequest } from './store.js';

/** A lost attempt not yet matched to a PayJunction request. */
interface OpenDoubt {
  requestId: string;
  startedAt: number;
}

/** A SMARTTERMINAL_REQUEST report about a request this relay does not know (yet). */
export interface Orphan {
  requestId: string;
  seenAt: number;
  reports: PjSmartTerminalRequestData[];
}

/**
 * Relay processes' clocks differ far less than ours and PayJunction's: an unknown request first
 * reported more than this before a lost attempt was claimed cannot be that attempt.
 */
const PROCESS_SKEW_MS = 1_000;
/** How many unknown requests' reports are remembered for matching, and for how long. */
const ORPHAN_LIMIT = 50;
const ORPHAN_MEMORY_MS = 10 * 60_000;
/** Reports kept per unknown request. */
const ORPHAN_REPORTS = 8;

const aliasName = (upstreamRequestId: string) => `alias:${upstreamRequestId}`;
/** Each orphan is one small value; ORPHAN_INDEX lists them (capped, append-only: RelayStore.appendCapped). */
const orphanName = (upstreamRequestId: string) => `orphan:${upstreamRequestId}`;
const ORPHAN_INDEX = 'orphans';

/** An orphan's entry in the index: which one, and which sighting (an orphan seen anew is listed anew). */
interface OrphanEntry {
  requestId: string;
  seenAt: number;
}

export class Doubts {
  readonly #core: RelayCore;

  constructor(core: RelayCore) {
    this.#core = core;
  }

  /** The relay request that stands for PayJunction's request `upstreamRequestId`, once linked. */
  aliasOf(upstreamRequestId: string): Promise<string | undefined> {
    return this.#core.store.getValue<string>(aliasName(upstreamRequestId));
  }

  /**
   * Starts looking for an attempt whose in-doubt request `requestId` was just made: remembered as an
   * open doubt, pointed at from its terminal, supervised, and matched against what was reported so far.
   */
  async open(requestId: string, attempt: AttemptInfo, reason: 'answer_lost' | 'sender_died'): Promise<void> {
    const { store, timings, terminals, log, supervisors } = this.#core;
    await store.updateValue<OpenDoubt[]>(
      'doubts',
      (list = []) => [
        ...list.filter((d) => Date.now() - d.startedAt < this.#memoryMs()),
        { requestId, startedAt: attempt.startedAt },
      ],
      timings.retentionMs,
    );
    await terminals.claim(attempt.smartTerminalId, requestId, attempt.startedAt);
    log.warn(
      { requestId, reason, smartTerminalId: attempt.smartTerminalId },
      'attempt in doubt; looking for it in PayJunction reports',
    );
    supervisors.watchStarted(requestId);
    await this.#reconcile();
  }

  /**
   * A webhook about a request this relay does not know: remembered for a while, as it may be an
   * attempt whose answer was lost (then it is adopted), or belong to another integration on the same
   * account (then it is forgotten). Resolves to the adopted request's snapshot, if it was adopted.
   */
  async unknownReport(report: PjSmartTerminalRequestData): Promise<RequestSnapshot | undefined> {
    const { store } = this.#core;
    // One small key per unknown request and an index that only grows by one entry: a report costs the
    // same however many unknown requests are remembered (a busy account's other software makes many).
    let created = false;
    const { value: orphan } = await store.updateValue<Orphan>(
      orphanName(report.requestId),
      (current) => {
        const now = Date.now();
        created = !current || now - current.seenAt >= ORPHAN_MEMORY_MS;
        if (created) return { requestId: report.requestId, seenAt: now, reports: [report] };
        if (current!.reports.length >= ORPHAN_REPORTS) return undefined;
        current!.reports.push(report);
        return current;
      },
      ORPHAN_MEMORY_MS,
    );
    if (created) await this.#index(orphan!);
    if (!(await this.#reconcile())) return undefined;
    const adopted = await this.aliasOf(report.requestId);
    return adopted === undefined ? undefined : (await store.getRequest(adopted))?.snapshot;
  }

  /** Lists a new orphan; the oldest beyond ORPHAN_LIMIT is forgotten (unless a later sighting took its key). */
  async #index(orphan: Orphan): Promise<void> {
    const { store } = this.#core;
    const entry: OrphanEntry = { requestId: orphan.requestId, seenAt: orphan.seenAt };
    const out = await store.appendCapped<OrphanEntry>(ORPHAN_INDEX, entry, ORPHAN_LIMIT, ORPHAN_MEMORY_MS);
    for (const gone of out) {
      await store.updateValue<Orphan>(
        orphanName(gone.requestId),
        (o) => (o?.seenAt === gone.seenAt ? null : undefined),
        ORPHAN_MEMORY_MS,
      );
    }
  }

  /** The orphans remembered now, in the order they were first seen. */
  async #orphans(now: number): Promise<Orphan[]> {
    const { store } = this.#core;
    const ids = new Set<string>();
    for (const entry of await store.getList<OrphanEntry>(ORPHAN_INDEX)) {
      ids.delete(entry.requestId); // listed again (taken, then seen anew): its place is the later one
      ids.add(entry.requestId);
    }
    const found = await Promise.all([...ids].map((id) => store.getValue<Orphan>(orphanName(id))));
    return found.filter((o): o is Orphan => o !== undefined && now - o.seenAt < ORPHAN_MEMORY_MS);
  }

  #memoryMs(): number {
    return this.#core.timings.doubtWindowMs + this.#core.timings.lateWatchMs;
  }

  /**
   * Matches lost attempts to requests PayJunction reported but this relay never saw start. An unknown
   * request that made a transaction is matched by that transaction (merchant account, amount, action,
   * time) to the one lost attempt it fits. Otherwise, with one open doubt and one unknown request
   * reported since it began, they are the same; with several of either and nothing to tell them
   * apart, the relay leaves them in doubt rather than guess. Resolves to whether it adopted any.
   */
  async #reconcile(): Promise<boolean> {
    const { store, upstream, intake } = this.#core;
    const now = Date.now();
    let doubts = ((await store.getValue<OpenDoubt[]>('doubts')) ?? []).filter(
      (d) => now - d.startedAt < this.#memoryMs(),
    );
    if (doubts.length === 0) return false;
    let orphans = await this.#orphans(now);
    let adopted = false;
    const inWindow = (d: OpenDoubt, o: Orphan) => o.seenAt >= d.startedAt - PROCESS_SKEW_MS;

    // By transaction: each unknown request that made one fits at most one lost attempt.
    for (const orphan of orphans) {
      const transactionId = orphan.reports.map((r) => r.transactionId).find((id) => id !== undefined && id !== null);
      if (transactionId === undefined) continue;
      let transaction: PjTransaction;
      try {
        transaction = await upstream.getTransaction(Number(transactionId));
      } catch {
        continue; // asked again with the next report
      }
      const fits: OpenDoubt[] = [];
      for (const d of doubts) {
        if (!inWindow(d, orphan)) continue;
        const record = await store.getRequest(d.requestId);
        // Only a payment has a transaction to match (mismatch accepts anything for the other kinds).
        if (record?.expected && !(await intake.mismatch(record, transaction))) fits.push(d);
      }
      if (fits.length !== 1) continue;
      await this.adopt(fits[0]!.requestId, orphan, 'transaction');
      adopted = true;
      doubts = doubts.filter((d) => d !== fits[0]);
      orphans = orphans.filter((o) => o !== orphan);
    }

    if (doubts.length !== 1) return adopted;
    const doubt = doubts[0]!;
    const candidates = orphans.filter((o) => inWindow(doubt, o));
    if (candidates.length !== 1) return adopted;
    await this.adopt(doubt.requestId, candidates[0]!, 'elimination');
    return true;
  }

  /**
   * The in-doubt request `requestId` is PayJunction's `orphan.requestId`: link them and catch up.
   * Found by PayJunction's own answer or by a matching transaction, the request is no longer in doubt.
   * Found by elimination (the only unknown request), it is followed but stays in doubt: an end without
   * a transaction could be someone else's end, so only a matching transaction settles it.
   */
  async adopt(requestId: string, orphan: Orphan, how: 'answer' | 'transaction' | 'elimination'): Promise<void> {
    const { store, timings, log, intake, supervisors } = this.#core;
    const removed = await store.updateValue<OpenDoubt[]>(
      'doubts',
      (list) =>
        list?.some((d) => d.requestId === requestId) ? list.filter((d) => d.requestId !== requestId) : undefined,
      timings.retentionMs,
    );
    const linked = await store.updateValue<string>(
      aliasName(orphan.requestId),
      (current) => (current === undefined ? requestId : undefined),
      timings.retentionMs,
    );
    if (linked.value !== requestId) return; // another process linked it to another attempt first
    if (!removed.changed) log.info({ requestId }, 'attempt linked after its doubt was closed');
    const reports = (await this.takeOrphan(orphan.requestId))?.reports ?? orphan.reports;
    await store.updateRequest(
      requestId,
      (current) => ({ ...current, upstreamRequestId: orphan.requestId }),
      timings.retentionMs,
    );
    if (how !== 'elimination') await intake.apply(requestId, { type: 'adopted' });
    log.info({ requestId, upstreamRequestId: orphan.requestId, how }, 'attempt in doubt found in PayJunction reports');
    for (const report of reports) await intake.apply(requestId, statusEvent(report), true);
    supervisors.pollSoon(requestId, 0);
  }

  /** An adopted request proved not to be the lost attempt: back in doubt, and no longer followed. */
  async disown(record: StoredRequest): Promise<void> {
    const { store, timings, log, intake } = this.#core;
    const requestId = record.snapshot.requestId;
    const upstream = record.upstreamRequestId!;
    await store.updateValue<string>(
      aliasName(upstream),
      (current) => (current === requestId ? null : undefined),
      timings.retentionMs,
    );
    await store.updateRequest(
      requestId,
      (current) => {
        const next = { ...current };
        delete next.upstreamRequestId;
        return next;
      },
      timings.retentionMs,
    );
    await intake.apply(requestId, {
      type: 'in_doubt',
      watchUntil: new Date(Date.now() + timings.lateWatchMs).toISOString(),
    });
    log.warn({ requestId, upstreamRequestId: upstream }, 'adopted request was not the lost attempt; in doubt again');
  }

  /** Removes and returns what was remembered about an unknown request (its index entry is skipped from then on). */
  async takeOrphan(upstreamRequestId: string): Promise<Orphan | undefined> {
    let taken: Orphan | undefined;
    await this.#core.store.updateValue<Orphan>(
      orphanName(upstreamRequestId),
      (current) => {
        taken = current;
        return current ? null : undefined;
      },
      ORPHAN_MEMORY_MS,
    );
    return taken;
  }
}
