/**
 * The payment fields frame (src/fields/fields.html) in real Chromium, served by the test runner in an
 * iframe. The runner serves everything from one origin, so these tests drive the frame's port directly,
 * as the page's controller would: the test then sees every message the frame sends, before any guard,
 * which is what "the page never receives a number" must be checked on. The controller itself (its
 * same-origin refusal, its guard) is in fields-controller.test.ts.
 */
import { expect } from '@open-wc/testing';
import { fieldsEn as EN_WORDS } from '../../src/locales/en/fields.js';
import { fieldsEs } from '../../src/locales/es/fields.js';
import { messagesEs } from '../../src/locales/es/messages.js';
import { fieldsMessages } from '../../src/protocol/fields-channel.js';
import { SCHEDULE_MESSAGES_EN as EN } from '../../src/protocol/schedule.js';
import {
  drive,
  expectFrameAccessible,
  frameDoc,
  frameInput,
  initMessage,
  lastState,
  leakedRuns,
  loadFrame,
  typeInto,
  type Driven,
} from './fields.helpers.js';
import { ACCOUNT, ROUTING, year } from './schedule-form.helpers.js';

const CARD = '4111111111111111';
const TYPED = [CARD, ROUTING, ACCOUNT];

describe('payment fields frame', () => {
  let iframe: HTMLIFrameElement;
  let frame: Driven;

  beforeEach(async () => {
    iframe = await loadFrame();
    frame = drive(iframe);
  });
  afterEach(() => {
    frame.port.close();
    iframe.remove();
  });

  it('answers the connection, then shows the card fields with labels, autofill tokens and numeric keyboards', async () => {
    await frame.next((m) => m.type === 'ready');
    frame.port.postMessage(initMessage());
    const state = await frame.next((m) => m.type === 'state');
    expect(state).to.deep.equal({
      type: 'state',
      method: 'card',
      fields: {
        cardNumber: { state: 'empty' },
        cardExpMonth: { state: 'empty' },
        cardExpYear: { state: 'empty' },
        cardCvv: { state: 'empty' },
      },
      complete: false,
    });
    const doc = frameDoc(iframe);
    const labels = [...doc.querySelectorAll('#method-card label')].map((l) => l.textContent);
    expect(labels).to.deep.equal(['Card number', 'Expiration month', 'Expiration year', 'CVV']);
    const tokens = ['cardNumber', 'cardExpMonth', 'cardExpYear', 'cardCvv'].map(
      (n) => frameInput(iframe, n).autocomplete,
    );
    expect(tokens).to.deep.equal(['cc-number', 'cc-exp-month', 'cc-exp-year', 'cc-csc']);
    expect(frameInput(iframe, 'cardNumber').inputMode).to.equal('numeric');
    expect(doc.getElementById('method-ach')!.hidden).to.equal(true);
    expect(doc.documentElement.style.getPropertyValue('--pj-color-accent')).to.equal('#0a7d33');
    await frame.next((m) => m.type === 'resize' && m.height > 100);
    await expectFrameAccessible(iframe);
  });

  it('goes empty → invalid (the rules’ sentence) → complete, detects the brand, and never says a typed number', async () => {
    frame.port.postMessage(initMessage());
    await frame.next((m) => m.type === 'state');
    await typeInto(iframe, 'cardNumber', '4111 1111');
    let state = await frame.next((m) => m.type === 'state' && m.fields.cardNumber.state === 'invalid');
    expect(state.fields.cardNumber.message).to.equal(EN.cardNumber);
    expect(state.brand).to.equal('VISA');
    const error = frameDoc(iframe).getElementById('cardNumber-error')!;
    expect(error.textContent).to.equal(EN.cardNumber);
    expect(frameInput(iframe, 'cardNumber').getAttribute('aria-describedby')).to.contain('cardNumber-error');
    await expectFrameAccessible(iframe);

    const input = frameInput(iframe, 'cardNumber');
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
    await typeInto(iframe, 'cardNumber', '4111 1111 1111 1111');
    await typeInto(iframe, 'cardExpMonth', '12');
    await typeInto(iframe, 'cardExpYear', String(year + 2));
    await typeInto(iframe, 'cardCvv', '123');
    state = await frame.next((m) => m.type === 'state' && m.complete && m.fields.cardCvv.state === 'complete');
    expect(Object.values(state.fields).map((f: any) => f.state)).to.deep.equal(Array(4).fill('complete'));
    expect(frameDoc(iframe).getElementById('brand')!.textContent).to.equal('Card brand: Visa');
    expect(leakedRuns(frame.received, TYPED)).to.deep.equal([]);
    expect(JSON.stringify(frame.received)).not.to.contain('4111');
  });

  it('marks every empty required field on submit, in Spanish too, and answers invalid_fields', async () => {
    const { frameTitle: _t, sameOrigin: _s, ...words } = fieldsEs;
    frame.port.postMessage(initMessage({ lang: 'es-US', messages: fieldsMessages(messagesEs), words }));
    await frame.next((m) => m.type === 'state');
    expect(frameDoc(iframe).documentElement.lang).to.equal('es-US');
    const from = frame.received.length;
    frame.port.postMessage({ type: 'submit' });
    const result = await frame.next((m) => m.type === 'result', from);
    const required = (field: string) => messagesEs.required.replace('{field}', (messagesEs.fields as any)[field]);
    expect(result.error.code).to.equal('invalid_fields');
    expect(result.error.fields).to.deep.equal(
      ['cardNumber', 'cardExpMonth', 'cardExpYear'].map((field) => ({ field, message: required(field) })),
    );
    expect(lastState(frame).fields.cardCvv).to.deep.equal({ state: 'empty' });
    expect(frameDoc(iframe).getElementById('cardNumber-error')!.textContent).to.equal(required('cardNumber'));
    expect(frameDoc(iframe).activeElement!.id).to.equal('cardNumber');
    expect(frameDoc(iframe).querySelector('label[for=cardNumber]')!.textContent).to.equal('Número de tarjeta');
    await expectFrameAccessible(iframe);
  });

  it('shows the bank fields on set-method, with the ACH rules and Spanish account types', async () => {
    const { frameTitle: _t, sameOrigin: _s, ...words } = fieldsEs;
    frame.port.postMessage(initMessage({ messages: fieldsMessages(messagesEs), words }));
    await frame.next((m) => m.type === 'state');
    frame.port.postMessage({ type: 'set-method', method: 'ach' });
    let state = await frame.next((m) => m.type === 'state' && m.method === 'ach');
    expect(state.fields).to.deep.equal({
      achRoutingNumber: { state: 'empty' },
      achAccountNumber: { state: 'empty' },
      achAccountType: { state: 'complete' },
    });
    const options = [...(frameInput(iframe, 'achAccountType') as unknown as HTMLSelectElement).options];
    expect(options.map((o) => o.textContent)).to.deep.equal(['Corriente', 'Ahorros']);
    await typeInto(iframe, 'achRoutingNumber', '123456789');
    state = await frame.next((m) => m.type === 'state' && m.fields.achRoutingNumber?.state === 'invalid');
    expect(state.fields.achRoutingNumber.message).to.equal(messagesEs.achRoutingNumber);
    frameInput(iframe, 'achRoutingNumber').value = '';
    await typeInto(iframe, 'achRoutingNumber', ROUTING);
    await typeInto(iframe, 'achAccountNumber', ACCOUNT);
    state = await frame.next((m) => m.type === 'state' && m.method === 'ach' && m.complete);
    expect(state.brand).to.equal(undefined);
    await expectFrameAccessible(iframe);
    expect(leakedRuns(frame.received, TYPED)).to.deep.equal([]);
  });

  it('ignores what its guard does not expect: bad inits, unknown types, extra keys, a method not offered', async () => {
    frame.port.postMessage({ type: 'init' });
    frame.port.postMessage(initMessage({ theme: { '--pj-color-accent': 'url(https://evil.example/x)' } }));
    frame.port.postMessage({ ...initMessage(), extra: 1 });
    frame.port.postMessage({ type: 'submit', cardNumber: CARD });
    frame.port.postMessage('submit');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(frame.received.filter((m) => m.type !== 'resize').map((m) => m.type)).to.deep.equal(['ready']);
    expect(frameDoc(iframe).getElementById('pj-fields')!.hidden).to.equal(true);
    frame.port.postMessage(initMessage({ methods: ['card'] }));
    await frame.next((m) => m.type === 'state');
    frame.port.postMessage({ type: 'set-method', method: 'ach' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(frame.received.filter((m) => m.type === 'state' && m.method === 'ach')).to.deep.equal([]);
  });

  it('sends a number nowhere its own page does not name: an SDK or vault URL elsewhere is refused before any request', async () => {
    frame.port.postMessage(
      initMessage({
        config: {
          publishableKey: 'key_test',
          sdkUrl: `${location.origin}/evil/sdk.js`,
          achVaultUrl: 'https://evil.example/ach',
          achTicket: 'ticket-for-the-frame-tests',
        },
      }),
    );
    await frame.next((m) => m.type === 'state');
    await typeInto(iframe, 'cardNumber', CARD);
    await typeInto(iframe, 'cardExpMonth', '12');
    await typeInto(iframe, 'cardExpYear', String(year + 2));
    let from = frame.received.length;
    frame.port.postMessage({ type: 'submit' });
    let result = await frame.next((m) => m.type === 'result', from);
    expect(result.error).to.deep.equal({ code: 'tokenization_failed', message: EN_WORDS.tokenFailed, fields: [] });
    expect(frameDoc(iframe).querySelector('script[src*="evil"]')).to.equal(null);
    frame.port.postMessage({ type: 'set-method', method: 'ach' });
    await frame.next((m) => m.type === 'state' && m.method === 'ach');
    await typeInto(iframe, 'achRoutingNumber', ROUTING);
    await typeInto(iframe, 'achAccountNumber', ACCOUNT);
    from = frame.received.length;
    frame.port.postMessage({ type: 'submit', achType: 'PPD' });
    result = await frame.next((m) => m.type === 'result', from);
    expect(result.error.code).to.equal('ach_vault_failed');
    expect(leakedRuns(frame.received, TYPED)).to.deep.equal([]);
  });
});
