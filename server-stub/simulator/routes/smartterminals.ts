/**
 * /smartterminals: the device list, the four Smart Terminal requests (payment, signature, prompt,
 * input: their fields checked here, then run by the engine in terminals.ts), /main, and polling a
 * request (at most one answered poll per requestId every pollMinIntervalMs, real time).
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { errorBody, FIELD_REQUIRED_MESSAGE, invalid, required, TERMINAL_NOT_FOUND_MESSAGE } from '../errors.js';
import { SIM_DEVICES, terminalById } from '../fixtures.js';
import type { SimulatorState } from '../state.js';
import type { PaymentDetails, RequestKind } from '../terminals.js';
import { requestState } from '../terminals.js';
import type { Amounts } from '../transactions.js';
import { AMOUNT_FIELDS, withDefaults } from '../transactions.js';
import { FieldChecker } from '../validate.js';
import type { AppEnv } from './env.js';
import { notFound } from './env.js';

export const AMOUNT_TIP_MESSAGE =
  'Amount Tip can not be sent with request-payment: send allowTips=true and the customer adds a tip at the terminal.';

export function smartTerminalRoutes(state: SimulatorState): Hono<AppEnv> {
  const { terminals } = state;
  const routes = new Hono<AppEnv>();

  routes.get('/', (c) =>
    c.json({
      results: SIM_DEVICES.map(({ smartTerminalId, serialNumber, nickName, created }) => ({
        smartTerminalId,
        serialNumber,
        nickName,
        created,
      })),
    }),
  );

  const startRequest = (kind: RequestKind) => (c: Context<AppEnv>) => {
    const smartTerminalId = c.req.param('smartTerminalId')!;
    if (!terminals.hasDevice(smartTerminalId)) return notFound(c);
    const form = c.get('form');
    const check = new FieldChecker(form);
    const terminal = checkTerminal(check);
    const interruptBusyTerminal = check.boolean('interruptBusyTerminal') ?? false;
    let payment: PaymentDetails | undefined;
    let buttons: string[] | undefined;
    switch (kind) {
      case 'payment':
        payment = checkPayment(check);
        break;
      case 'signature':
        check.requiredText('terms', 10_000);
        break;
      case 'prompt': {
        check.requiredText('text', 10_000);
        buttons = form.getAll('buttons[]').map((b) => b.trim());
        if (buttons.length === 0) check.add(required('buttons', FIELD_REQUIRED_MESSAGE));
        else if (buttons.length > 3) check.add(invalid('buttons', 'A prompt can have at most 3 buttons.'));
        else if (buttons.some((b) => b === '' || b.length > 8)) {
          check.add(invalid('buttons', 'Each button label must be 1 to 8 characters.'));
        }
        break;
      }
      case 'input':
        check.oneOf('type', ['PHONE'] as const, { required: true });
        break;
    }
    check.throwIfAny();
    const request = terminals.start({
      kind,
      smartTerminalId,
      terminal: terminal!,
      interruptBusyTerminal,
      ...(payment ? { payment } : {}),
      ...(buttons ? { buttons } : {}),
      baseUrl: c.get('baseUrl'),
    });
    return c.json(kind === 'payment' ? { requestPaymentId: request.requestId } : { requestId: request.requestId }, 200);
  };

  routes.post('/:smartTerminalId/request-payment', startRequest('payment'));
  routes.post('/:smartTerminalId/request-signature', startRequest('signature'));
  routes.post('/:smartTerminalId/request-prompt', startRequest('prompt'));
  routes.post('/:smartTerminalId/request-input', startRequest('input'));

  routes.post('/:smartTerminalId/main', (c) => {
    const smartTerminalId = c.req.param('smartTerminalId');
    if (!terminals.hasDevice(smartTerminalId)) return notFound(c);
    terminals.returnToMain(smartTerminalId);
    return c.body(null, 204);
  });

  routes.get('/requests/:requestId', (c) => {
    const request = terminals.get(c.req.param('requestId'));
    if (!request) return notFound(c);
    const now = Date.now();
    if (request.lastPollAtMs !== undefined && now - request.lastPollAtMs < state.pollMinIntervalMs) {
      return c.json(
        errorBody({ message: `Too many requests: poll a request at most once every ${state.pollMinIntervalMs} ms.` }),
        429,
      );
    }
    request.lastPollAtMs = now;
    return c.json(requestState(request));
  });

  return routes;
}

/** terminalId: required, and it must name one of the merchant's card accounts. */
function checkTerminal(check: FieldChecker) {
  const raw = check.form.text('terminalId');
  if (raw === undefined) {
    check.add(required('terminalId'));
    return undefined;
  }
  const terminal = terminalById(raw);
  if (!terminal || terminal.type !== 'CARD') {
    check.add(invalid('terminalId', TERMINAL_NOT_FOUND_MESSAGE));
    return undefined;
  }
  return terminal;
}

/** request-payment's own fields: the amounts, the action, the prompts, and what the receipt shows. */
function checkPayment(check: FieldChecker): PaymentDetails {
  const given: Partial<Amounts> = {};
  for (const field of AMOUNT_FIELDS) {
    if (field === 'amountTip') {
      // No PayJunction page or client sends a tip amount here: the terminal asks the customer
      // (allowTips, https://support.payjunction.com/hc/en-us/articles/212460318).
      if (check.form.has('amountTip')) check.add(invalid('amountTip', AMOUNT_TIP_MESSAGE));
      continue;
    }
    const value = check.money(field, { required: field === 'amountBase', positive: field === 'amountBase' });
    if (value !== undefined) given[field] = value;
  }
  const action = check.oneOf('action', ['CHARGE', 'REFUND'] as const) ?? 'CHARGE';
  const showReceiptPrompt = check.boolean('showReceiptPrompt') ?? true;
  check.boolean('showSignaturePrompt');
  check.boolean('showDebitCreditPrompt');
  const allowTips = check.boolean('allowTips') ?? false;
  check.oneOf('keyed', ['ALLOW'] as const);
  const invoiceNumber = check.optionalText('invoiceNumber', 32);
  const purchaseOrderNumber = check.optionalText('purchaseOrderNumber', 32);
  check.optionalText('note', 2048);
  check.contact('billing');
  check.contact('shipping');
  return { action, amounts: withDefaults(given), showReceiptPrompt, allowTips, invoiceNumber, purchaseOrderNumber };
}
