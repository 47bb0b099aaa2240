/**
 * SSE for the chaos suite: one stream read as EventSource parses it, and a request followed to its end
 * with connections cut and resumed (Last-Event-ID) on the way, and the rules a viewer's snapshots keep.
 */
import { isFinalSnapshot, type RequestSnapshot } from '../../src/protocol/relay-contract.js';
import { sleep, type Capture } from './harness.js';

export interface SseEvent {
  event?: string;
  id?: string;
  data: string;
}

export interface StreamPiece {
  status: number;
  events: SseEvent[];
  /** The server ended the stream (rather than our kill or timeout). */
  ended: boolean;
  killed: boolean;
}

/**
 * Reads one SSE connection, as EventSource parses it. `killAfterEvents`: the client goes away right
 * after that many events (a page closed, a network drop) — the stream is cut mid-way.
 */
export async function readStream(
  capture: Capture,
  url: string,
  options: { lastEventId?: string; killAfterEvents?: number; timeoutMs?: number } = {},
): Promise<StreamPiece> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 60_000);
  const piece: StreamPiece = { status: 0, events: [], ended: false, killed: false };
  let raw = '';
  try {
    const res = await fetch(url, {
      headers: {
        Accept: 'text/event-stream',
        ...(options.lastEventId ? { 'Last-Event-ID': options.lastEventId } : {}),
      },
      signal: controller.signal,
    });
    piece.status = res.status;
    if (!res.body) return piece;
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        piece.ended = true;
        break;
      }
      raw += value;
      buffer += value;
      let idx: number;
      while ((idx = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, idx);
        buffer = buffer.slice(idx + 2);
        const event: SseEvent = { data: '' };
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event: ')) event.event = line.slice(7);
          else if (line.startsWith('id: ')) event.id = line.slice(4);
          else if (line.startsWith('data: ')) data.push(line.slice(6));
        }
        if (data.length === 0) continue;
        event.data = data.join('\n');
        piece.events.push(event);
        if (options.killAfterEvents !== undefined && piece.events.length >= options.killAfterEvents) {
          piece.killed = true;
          controller.abort();
          return piece;
        }
      }
    }
  } catch (err) {
    if ((err as Error).name !== 'AbortError') throw err;
  } finally {
    clearTimeout(timer);
    controller.abort();
    capture.add(raw);
  }
  return piece;
}

export interface Followed {
  /** Every snapshot received over every connection, in order. */
  snapshots: RequestSnapshot[];
  connections: number;
  kills: number;
  /** The stream ended by the server after a final snapshot. */
  ended: boolean;
  /** Events other than `request` (e.g. `lost`). */
  other: SseEvent[];
  /** A reconnect after the end answered 204 (EventSource stops). */
  doneStatus?: number;
}

/**
 * Follows a request to its final snapshot like a browser's EventSource: on a cut connection it
 * reconnects with Last-Event-ID. `kills` connections are cut on purpose after 1–2 events each.
 */
export async function follow(
  capture: Capture,
  urlFor: (attempt: number) => string,
  options: { kills?: number; random?: () => number; timeoutMs?: number; checkDone?: boolean } = {},
): Promise<Followed> {
  const random = options.random ?? Math.random;
  const out: Followed = { snapshots: [], connections: 0, kills: 0, ended: false, other: [] };
  let lastEventId: string | undefined;
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  while (Date.now() < deadline) {
    const kill = out.kills < (options.kills ?? 0) ? 1 + Math.floor(random() * 2) : undefined;
    const piece = await readStream(capture, urlFor(out.connections), {
      ...(lastEventId ? { lastEventId } : {}),
      ...(kill !== undefined ? { killAfterEvents: kill } : {}),
      timeoutMs: Math.max(1, deadline - Date.now()),
    });
    out.connections += 1;
    if (piece.status === 204) {
      out.ended = true;
      break;
    }
    if (piece.status !== 200) throw new Error(`stream answered ${piece.status}`);
    for (const e of piece.events) {
      if (e.event === 'request') {
        out.snapshots.push(JSON.parse(e.data) as RequestSnapshot);
        lastEventId = e.id;
      } else out.other.push(e);
    }
    if (piece.killed) {
      out.kills += 1;
      continue;
    }
    const last = out.snapshots.at(-1);
    if (piece.ended && last && isFinalSnapshot(last)) {
      out.ended = true;
      break;
    }
    if (out.other.length > 0) break;
    // Ended without a final snapshot (a restart, say): EventSource reconnects after its retry.
    await sleep(100);
  }
  if (options.checkDone && out.ended && lastEventId) {
    const again = await readStream(capture, urlFor(out.connections), { lastEventId, timeoutMs: 10_000 });
    out.doneStatus = again.status;
  }
  return out;
}

/** What is wrong with one viewer's sequence of snapshots (empty when nothing is). */
export function streamProblems(snaps: RequestSnapshot[]): string[] {
  const problems: string[] = [];
  for (let i = 1; i < snaps.length; i++) {
    if (snaps[i]!.version <= snaps[i - 1]!.version)
      problems.push(`version ${snaps[i]!.version} after ${snaps[i - 1]!.version}`);
  }
  const finals = snaps.filter((s) => isFinalSnapshot(s));
  if (finals.length !== 1) problems.push(`${finals.length} final snapshots`);
  else if (finals[0] !== snaps.at(-1)) problems.push('the final snapshot is not the last one');
  // Once an end that hides no money is shown, it never changes (only open ends may be replaced).
  const closed = snaps.findIndex((s) => s.outcome !== null && !['timeout', 'error', 'in_doubt'].includes(s.outcome));
  if (closed >= 0 && snaps.slice(closed).some((s) => s.outcome !== snaps[closed]!.outcome)) {
    problems.push(`outcome changed after ${snaps[closed]!.outcome}: ${snaps.map((s) => s.outcome).join(' → ')}`);
  }
  return problems;
}
