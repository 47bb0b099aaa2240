/**
 * Smart Terminal requests on a clock: CONNECTING → IN_PROGRESS → (transactionId / signatureId /
 * promptButton / inputValue while IN_PROGRESS) → COMPLETE, or CONNECTING → BUSY, or CONNECTING →
 * NO_CONNECTION. Every change of a request's visible state is one SMARTTERMINAL_REQUEST event.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type {
  Money,
  PjAction,
  PjRequestStatus,
  PjSmartTerminalRequestState,
  PjTerminal,
} from '../../src/protocol/wire.js';
import type { SimClock } from './clock.js';
import type { SimDevice } from './fixtures.js';
import { SIM_DEFAULT_INPUT_VALUE, SIM_DEVICES } from './fixtures.js';
import type { Amounts, TransactionStore } from './transactions.js';
import type { Decision } from './triggers.js';
import { decide, decisionForCode } from './triggers.js';

/**
 * The lifecycle's timing in PayJunction milliseconds at speed 1 (divided by the speed factor).
 * Payment: the card is read about 3.6 s after the request ("3.61 seconds (on average)",
 * https://developer.payjunction.com/hc/en-us/articles/115004644968),
 * then the receipt prompt holds the device about 1.5 s more before COMPLETE.
 */
export const TERMINAL_TIMING = {
  /** CONNECTING → IN_PROGRESS, and CONNECTING → BUSY (~0.7 s in the examples of https://developer.payjunction.com/hc/en-us/articles/360002739934). */
  connectMs: 700,
  /** CONNECTING → NO_CONNECTION for an offline device. */
  noConnectionMs: 10_000,
  /** Request → transactionId. */
  paymentResultMs: 3_600,
  /** transactionId → COMPLETE with the receipt prompt (showReceiptPrompt, the default). */
  receiptPromptMs: 1_500,
  /** transactionId → COMPLETE with showReceiptPrompt=false. */
  noReceiptPromptMs: 300,
  /** Request → the cardholder presses the red X. */
  cardholderCancelMs: 2_500,
  /** Request → signatureId / promptButton / inputValue. */
  signatureResultMs: 4_000,
  promptResultMs: 3_000,
  inputResultMs: 4_000,
  /** Result → COMPLETE for signature, prompt and input. */
  afterResultMs: 1_000,
  /** A finished request can be polled for one day, then 404. */
  retentionMs: 24 * 60 * 60_000,
} as const;

/** The simulated customer's default answer to the tip screen: no tip (a test chooses one with the tip control). */
export const NO_TIP: Money = '0.00';

export type RequestKind = 'payment' | 'signature' | 'prompt' | 'input';

export type NextOutcome =
  | { outcome: 'approve'; button?: string; inputValue?: string }
  | { outcome: 'decline'; code?: string }
  | { outcome: 'cardholder_cancel' }
  | { outcome: 'never_finish' };

export interface PaymentDetails {
  action: PjAction;
  amounts: Amounts;
  showReceiptPrompt: boolean;
  /** The terminal asks the customer for a tip (the device's tip control says how much). */
  allowTips: boolean;
  invoiceNumber?: string | undefined;
  purchaseOrderNumber?: string | undefined;
}

export interface SimRequest {
  requestId: string;
  kind: RequestKind;
  smartTerminalId: string;
  terminal: PjTerminal;
  status: PjRequestStatus;
  transactionId?: number;
  signatureId?: string;
  promptButton?: string;
  inputValue?: string;
  createdAtMs: number;
  completedAtMs?: number;
  /** When the last accepted poll was answered (the polling limit). */
  lastPollAtMs?: number;
  payment?: PaymentDetails;
  buttons?: string[];
  baseUrl: string;
  cancelTimers: Array<() => void>;
}

interface DeviceState {
  device: SimDevice;
  online: boolean;
  /** Set by the busy control: someone is using the device outside the API. */
  busyOutsideApi: boolean;
  liveRequestId?: string | undefined;
  nextOutcome?: NextOutcome | undefined;
  /** What the simulated customer tips when the terminal asks (allowTips); '0.00' = presses "No tip". */
  tip: Money;
}

export class SmartTerminalEngine {
  private readonly devices = new Map<string, DeviceState>();
  private readonly requests = new Map<string, SimRequest>();

  constructor(
    private readonly clock: SimClock,
    private readonly transactions: TransactionStore,
    private readonly publish: (request: SimRequest) => void,
  ) {
    this.reset();
  }

  reset(): void {
    for (const request of this.requests.values()) for (const cancel of request.cancelTimers) cancel();
    this.requests.clear();
    this.devices.clear();
    for (const device of SIM_DEVICES) {
      this.devices.set(device.smartTerminalId, {
        device,
        online: device.online,
        busyOutsideApi: false,
        tip: NO_TIP,
      });
    }
  }

  hasDevice(smartTerminalId: string): boolean {
    return this.devices.has(smartTerminalId);
  }

  // ─── controls ───────────────────────────────────────────────────────────────────────────

  setNextOutcome(smartTerminalId: string, next: NextOutcome): boolean {
    const state = this.devices.get(smartTerminalId);
    if (!state) return false;
    state.nextOutcome = next;
    return true;
  }

  setOnline(smartTerminalId: string, online: boolean): boolean {
    const state = this.devices.get(smartTerminalId);
    if (!state) return false;
    state.online = online;
    return true;
  }

  /** What the customer tips at this device from now on when asked (allowTips); '0.00' for none. */
  setTip(smartTerminalId: string, tip: Money): boolean {
    const state = this.devices.get(smartTerminalId);
    if (!state) return false;
    state.tip = tip;
    return true;
  }

  setBusy(smartTerminalId: string, busy: boolean): boolean {
    const state = this.devices.get(smartTerminalId);
    if (!state) return false;
    state.busyOutsideApi = busy;
    return true;
  }

  deviceView(smartTerminalId: string): Record<string, unknown> | undefined {
    const state = this.devices.get(smartTerminalId);
    if (!state) return undefined;
    return {
      smartTerminalId,
      nickName: state.device.nickName,
      online: state.online,
      busy: state.busyOutsideApi || state.liveRequestId !== undefined,
      liveRequestId: state.liveRequestId ?? null,
      nextOutcome: state.nextOutcome ?? null,
      tip: state.tip,
    };
  }

  // ─── requests ───────────────────────────────────────────────────────────────────────────

  /** Starts a request on a device. Validation has been done by the route. */
  start(input: {
    kind: RequestKind;
    smartTerminalId: string;
    terminal: PjTerminal;
    interruptBusyTerminal: boolean;
    payment?: PaymentDetails;
    buttons?: string[];
    baseUrl: string;
  }): SimRequest {
    const state = this.devices.get(input.smartTerminalId)!;
    const request: SimRequest = {
      requestId: randomUUID(),
      kind: input.kind,
      smartTerminalId: input.smartTerminalId,
      terminal: input.terminal,
      status: 'CONNECTING',
      createdAtMs: this.clock.now(),
      ...(input.payment ? { payment: input.payment } : {}),
      ...(input.buttons ? { buttons: input.buttons } : {}),
      baseUrl: input.baseUrl,
      cancelTimers: [],
    };
    this.requests.set(request.requestId, request);
    this.publish(request);

    if (!state.online) {
      this.at(request, TERMINAL_TIMING.noConnectionMs, () => this.finish(request, 'NO_CONNECTION'));
      return request;
    }
    const busy = state.busyOutsideApi || state.liveRequestId !== undefined;
    if (busy && !input.interruptBusyTerminal) {
      this.at(request, TERMINAL_TIMING.connectMs, () => this.finish(request, 'BUSY'));
      return request;
    }
    if (busy) {
      state.busyOutsideApi = false;
      const old = state.liveRequestId !== undefined ? this.requests.get(state.liveRequestId) : undefined;
      if (old) this.interrupt(old);
    }

    state.liveRequestId = request.requestId;
    const next = state.nextOutcome;
    state.nextOutcome = undefined;
    this.run(request, next);
    return request;
  }

  private run(request: SimRequest, next: NextOutcome | undefined): void {
    const t = TERMINAL_TIMING;
    this.at(request, t.connectMs, () => this.change(request, { status: 'IN_PROGRESS' }));
    if (next?.outcome === 'never_finish') return;
    if (next?.outcome === 'cardholder_cancel') {
      this.at(request, t.cardholderCancelMs, () => this.finish(request, 'COMPLETE'));
      return;
    }
    switch (request.kind) {
      case 'payment': {
        const payment = request.payment!;
        this.at(request, t.paymentResultMs, () => {
          const decision = paymentDecision(payment, next);
          const tip =
            payment.allowTips && payment.action === 'CHARGE'
              ? this.devices.get(request.smartTerminalId)!.tip
              : undefined;
          const tx = this.transactions.createFromTerminal({
            terminal: request.terminal,
            action: payment.action,
            amounts: tip !== undefined ? { ...payment.amounts, amountTip: tip } : payment.amounts,
            decision,
            invoiceNumber: payment.invoiceNumber,
            purchaseOrderNumber: payment.purchaseOrderNumber,
            baseUrl: request.baseUrl,
          });
          this.change(request, { transactionId: tx.transactionId });
        });
        const tail = payment.showReceiptPrompt ? t.receiptPromptMs : t.noReceiptPromptMs;
        this.at(request, t.paymentResultMs + tail, () => this.finish(request, 'COMPLETE'));
        return;
      }
      case 'signature':
        this.at(request, t.signatureResultMs, () =>
          this.change(request, { signatureId: randomBytes(16).toString('hex') }),
        );
        this.at(request, t.signatureResultMs + t.afterResultMs, () => this.finish(request, 'COMPLETE'));
        return;
      case 'prompt': {
        const button = next?.outcome === 'approve' && next.button !== undefined ? next.button : request.buttons![0]!;
        this.at(request, t.promptResultMs, () => this.change(request, { promptButton: button }));
        this.at(request, t.promptResultMs + t.afterResultMs, () => this.finish(request, 'COMPLETE'));
        return;
      }
      case 'input': {
        const value =
          next?.outcome === 'approve' && next.inputValue !== undefined ? next.inputValue : SIM_DEFAULT_INPUT_VALUE;
        this.at(request, t.inputResultMs, () => this.change(request, { inputValue: value }));
        this.at(request, t.inputResultMs + t.afterResultMs, () => this.finish(request, 'COMPLETE'));
        return;
      }
    }
  }

  /**
   * POST /smartterminals/{id}/main: back to the idle screen. A live request ends COMPLETE; without
   * a transactionId when the card was not read yet, with it when it was (too late to cancel).
   */
  returnToMain(smartTerminalId: string): void {
    const state = this.devices.get(smartTerminalId)!;
    state.busyOutsideApi = false;
    const live = state.liveRequestId !== undefined ? this.requests.get(state.liveRequestId) : undefined;
    if (live) this.interrupt(live);
  }

  private interrupt(request: SimRequest): void {
    for (const cancel of request.cancelTimers) cancel();
    request.cancelTimers = [];
    this.finish(request, 'COMPLETE');
  }

  private at(request: SimRequest, simulatedMs: number, fn: () => void): void {
    request.cancelTimers.push(this.clock.after(simulatedMs, fn));
  }

  private change(
    request: SimRequest,
    changes: Partial<Pick<SimRequest, 'status' | 'transactionId' | 'signatureId' | 'promptButton' | 'inputValue'>>,
  ): void {
    if (request.completedAtMs !== undefined) return;
    Object.assign(request, changes);
    this.publish(request);
  }

  private finish(request: SimRequest, status: 'COMPLETE' | 'BUSY' | 'NO_CONNECTION'): void {
    if (request.completedAtMs !== undefined) return;
    request.status = status;
    request.completedAtMs = this.clock.now();
    for (const cancel of request.cancelTimers) cancel();
    request.cancelTimers = [];
    const state = this.devices.get(request.smartTerminalId);
    if (state?.liveRequestId === request.requestId) state.liveRequestId = undefined;
    this.publish(request);
  }

  /** The request, or undefined when unknown or past its retention. */
  get(requestId: string): SimRequest | undefined {
    const request = this.requests.get(requestId);
    if (!request) return undefined;
    if (
      request.completedAtMs !== undefined &&
      this.clock.now() - request.completedAtMs > this.clock.scale(TERMINAL_TIMING.retentionMs)
    ) {
      this.requests.delete(requestId);
      return undefined;
    }
    return request;
  }
}

/** Outcome of a card presented at the device: the test control, else labs' trigger amounts. */
function paymentDecision(payment: PaymentDetails, next: NextOutcome | undefined): Decision {
  if (next?.outcome === 'approve') return decisionForCode('00');
  if (next?.outcome === 'decline') return decisionForCode(next.code ?? '05');
  if (payment.action === 'REFUND') return decisionForCode('00');
  return decide({ amountBase: payment.amounts.amountBase });
}

/** The polling / webhook view of a request: status plus whichever result it has. */
export function requestState(request: SimRequest): PjSmartTerminalRequestState {
  return {
    status: request.status,
    ...(request.transactionId !== undefined ? { transactionId: request.transactionId } : {}),
    ...(request.signatureId !== undefined ? { signatureId: request.signatureId } : {}),
    ...(request.promptButton !== undefined ? { promptButton: request.promptButton } : {}),
    ...(request.inputValue !== undefined ? { inputValue: request.inputValue } : {}),
  };
}
