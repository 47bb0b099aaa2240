/**
 * <pj-schedule-form> in real Chromium against the real relay and simulator, part two: the relay's
 * 400 / 402 / 409 answers, no relay at all, success with each payment method (card and bank numbers
 * typed in the payment fields frame). Axe runs in every state visited.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/elements/schedule-form/schedule-form.js';
import type { PjScheduleForm } from '../../src/elements/schedule-form/schedule-form.js';
import { describeDecline } from '../../src/protocol/declines.js';
import { formatMoney } from '../../src/protocol/money.js';
import {
  $,
  ACH_FIELDS,
  CARD,
  CARD_FIELDS,
  PERIODIC,
  START,
  TYPED_NUMBERS,
  control,
  createdBy,
  errorBeside,
  errorPart,
  fill,
  focused,
  inDays,
  uniqueAmount,
  realFetch,
  recordSchedulePosts,
  summaryRow,
} from './schedule-form.helpers.js';
import {
  digitsOfTyped,
  frameReady,
  lastState,
  messages,
  paymentFrame,
  statesSince,
  typeInFrame,
} from './schedule-form-frame.helpers.js';

describe('<pj-schedule-form>: the relay', () => {
  const posts = recordSchedulePosts();

  it('a relay field error without a control (terminal-id="999") lands in the error part; pj-error carries the fields', async () => {
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form terminal-id="999"></pj-schedule-form>`);
    await fill(el, { ...PERIODIC, amountBase: uniqueAmount() });
    await typeInFrame(el, CARD_FIELDS);
    const error = oneEvent(el, 'pj-error');
    await el.submit();
    const { detail } = await error;
    expect(posts[0]!.terminalId).to.equal('999');
    expect(detail.status).to.equal(400);
    expect(detail.fields![0]!.field).to.equal('terminalId');
    expect(errorPart(el).textContent).to.contain(detail.fields![0]!.message);
    expect(errorPart(el).textContent).to.contain('Terminal does not exist');
    expect(focused(el)).to.equal(errorPart(el));
    expect(digitsOfTyped(detail, TYPED_NUMBERS)).to.deep.equal([]);
    expect(lastState()!.complete).to.equal(true); // nothing typed in the frame is lost
    await expect(el).to.be.accessible();
  });

  it('a relay field error on a control (unknown vault) shows beside it until the field is edited', async () => {
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form methods="vault transaction"></pj-schedule-form>`);
    await fill(el, { ...PERIODIC, vaultId: '4999', amountBase: uniqueAmount() });
    await el.submit();
    expect(errorBeside(el, 'vaultId')).to.contain('Vault does not exist');
    expect(focused(el)!.name).to.equal('vaultId');
    control(el, 'intervalCount').focus(); // another field's blur keeps the relay's message
    control(el, 'amountBase').focus();
    await el.updateComplete;
    expect(errorBeside(el, 'vaultId')).to.contain('Vault does not exist');
    await expect(el).to.be.accessible();
  });

  it('an unreachable relay: the frame cannot load (said in an alert), and a stored account gets the network message', async () => {
    const el = await fixture<PjScheduleForm>(
      html`<pj-schedule-form endpoint="http://127.0.0.1:9/pj"></pj-schedule-form>`,
    );
    await waitUntil(() => $(el, '[role="alert"]'), 'the frame never said it could not load');
    expect($(el, '[role="alert"]').textContent).to.contain('The card and bank account fields could not load');
    expect(paymentFrame(el)!.hidden).to.equal(true);
    await fill(el, { ...PERIODIC, amountBase: uniqueAmount() });
    await el.submit(); // a card cannot be sent without its fields: the alert stays, nothing is sent
    expect(posts).to.have.length(0);
    await fill(el, { paymentMethod: 'vault', vaultId: '5001' });
    expect($(el, '[role="alert"]')).to.equal(null); // shown with the card and bank methods only
    const error = oneEvent(el, 'pj-error');
    await el.submit();
    const { detail } = await error;
    expect(detail).to.deep.equal({ code: 'network', message: errorPart(el).textContent!.trim(), fields: [] });
    expect(errorPart(el).textContent).to.contain('could not be reached');
    expect(control(el, 'vaultId').value).to.equal('5001');
    await expect(el).to.be.accessible();
  });

  it('pre-auth decline (0.08 → 51) shows the guidance in the error part, keeps the values', async () => {
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form></pj-schedule-form>`);
    await fill(el, { ...PERIODIC, amountBase: '0.08', billingFirstName: 'Ana' });
    await typeInFrame(el, CARD_FIELDS);
    const error = oneEvent(el, 'pj-error');
    await el.submit();
    const { detail } = await error;
    expect(detail).to.include({ code: 'preauth_declined', status: 402 });
    const text = errorPart(el).textContent!;
    expect(text).to.contain(describeDecline('51').guidance);
    expect(text).to.contain('The card was declined (51: Declined Insufficient Funds).');
    expect(detail.message).to.equal(
      `The card was declined (51: Declined Insufficient Funds). ${describeDecline('51').guidance}`,
    );
    expect(lastState()!.complete).to.equal(true);
    expect(control(el, 'billingFirstName').value).to.equal('Ana');
    expect($<HTMLButtonElement>(el, '[part="submit-button"]').disabled).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('success: one request on a double click, a summary, pj-schedule-created once without the card number, then reset', async () => {
    const logged: unknown[] = [];
    const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
    const saved = methods.map((m) => console[m]);
    methods.forEach((m) => (console[m] = (...args: unknown[]) => logged.push(args)));
    try {
      const el = await fixture<PjScheduleForm>(html`<pj-schedule-form></pj-schedule-form>`);
      const amount = uniqueAmount();
      await fill(el, {
        ...PERIODIC,
        intervalCap: '6',
        amountBase: amount,
        billingFirstName: 'Ana',
        billingLastName: 'Ruiz',
      });
      await typeInFrame(el, CARD_FIELDS);
      let events = 0;
      el.addEventListener('pj-schedule-created', () => events++);
      const button = $<HTMLButtonElement>(el, '[part="submit-button"]');
      const schedule = await createdBy(el, () => {
        button.click();
        button.click();
      });
      await el.updateComplete;
      expect(posts).to.have.length(1);
      expect(posts[0]).to.include({ cardBrand: 'VISA', cardLastFour: '1111', amountBase: amount, startDate: START });
      expect(posts[0]!.tokenId).to.be.a('string');
      expect(posts[0]).not.to.have.property('cardNumber');
      expect(posts[0]).not.to.have.property('achType');
      expect(schedule.vault).to.deep.include({ accountType: 'VISA', lastFour: '1111' });
      const summary = $(el, '[part="summary"]').textContent!.replace(/\s+/g, ' ');
      expect(summary).to.contain(String(schedule.scheduleId));
      expect(summary).to.contain('Repeating');
      expect(summary).to.contain('Every 1 month(s)');
      expect(summary).to.contain(formatMoney(amount, 'en-US'));
      expect(summary).to.contain('VISA •••• 1111');
      expect(summaryRow(el, 'Payments')).to.equal('6 payment(s)');
      expect(summary).to.contain(
        new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeZone: 'UTC' }).format(
          new Date(`${START}T12:00:00Z`),
        ),
      );
      expect($(el, '[part="form"]')).to.equal(null);
      expect(focused(el)!.tagName).to.equal('H2');
      await expect(el).to.be.accessible();
      await new Promise((r) => setTimeout(r, 100));
      expect(events).to.equal(1);
      expect(JSON.stringify(schedule)).not.to.contain(CARD);
      expect(JSON.stringify(logged)).not.to.contain(CARD);
      const from = messages.length;
      $<HTMLButtonElement>(el, '[part="reset-button"]').click();
      await el.updateComplete;
      await waitUntil(() => focused(el)?.name === 'paymentMethod', 'focus back in the form');
      await frameReady(el); // a new frame: nothing of the last card
      await waitUntil(() => statesSince(from).length > 0, 'the new frame never reported');
      expect(Object.values(statesSince(from).at(-1)!.fields).map((f) => f.state)).to.deep.equal(Array(4).fill('empty'));
    } finally {
      methods.forEach((m, i) => (console[m] = saved[i]!));
    }
  });

  it('duplicate (409) → "Create it anyway" resends with bypassDuplicate → success', async () => {
    // The card typed in the frame becomes a stored account (its token's vault); billing that vault
    // again for the same amount is the duplicate.
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form></pj-schedule-form>`);
    const values = { ...PERIODIC, amountBase: uniqueAmount() };
    await fill(el, values);
    await typeInFrame(el, CARD_FIELDS);
    await createdBy(el, () => el.submit());
    const { tokens } = await (await realFetch('/__sim/tokens')).json();
    const used = tokens.find((t: { tokenId: string }) => t.tokenId === posts[0]!.tokenId);
    const vaultId = /^vault (\d+)$/.exec(used.usedFor)![1]!;
    el.reset();
    await el.updateComplete;
    await fill(el, { ...values, paymentMethod: 'vault', vaultId });
    const error = oneEvent(el, 'pj-error');
    await el.submit();
    expect((await error).detail).to.include({ code: 'duplicate_schedule', status: 409 });
    expect(errorPart(el).textContent).to.contain('already exists');
    const confirm = $<HTMLButtonElement>(el, '[part="duplicate-confirm"]');
    expect(confirm.textContent!.trim()).to.equal('Create it anyway');
    await expect(el).to.be.accessible();
    const schedule = await createdBy(el, () => confirm.click());
    expect(posts).to.have.length(3);
    expect(posts[2]).to.deep.equal({ ...posts[1], bypassDuplicate: true });
    expect(schedule.amountBase).to.equal(values.amountBase);
    expect(schedule.vault).to.deep.include({ accountType: 'VISA', lastFour: '1111' });
  });

  it('ACH PPD: success with the account masked in the summary', async () => {
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form></pj-schedule-form>`);
    await fill(el, { paymentMethod: 'ach' });
    await typeInFrame(el, ACH_FIELDS);
    await fill(el, {
      achType: 'PPD',
      billingFirstName: 'Ana',
      billingLastName: 'Ruiz',
      ...PERIODIC,
      interval: 'WEEK',
      intervalCount: '2',
      amountBase: uniqueAmount(),
    });
    await expect(el).to.be.accessible();
    const schedule = await createdBy(el, () => el.submit());
    expect(posts[0]).to.include({ achType: 'PPD', billingFirstName: 'Ana' });
    expect(posts[0]!.vaultId).to.match(/^\d+$/);
    expect(digitsOfTyped(posts[0], TYPED_NUMBERS)).to.deep.equal([]);
    expect(schedule.vault).to.deep.include({ type: 'ACH', lastFour: '6789' });
    expect($(el, '[part="summary"]').textContent).to.contain('Every 2 week(s)');
    expect($(el, '[part="summary"]').textContent).to.contain('Checking •••• 6789'); // the account type in words (Spanish: Corriente)
    await expect(el).to.be.accessible();
  });

  it('vault (5002 MASTERCARD) and a one-date schedule', async () => {
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form></pj-schedule-form>`);
    await typeInFrame(el, CARD_FIELDS);
    const from = messages.length;
    await fill(el, {
      paymentMethod: 'vault',
      vaultId: '5002',
      scheduleType: 'SPECIFIC_DATES',
      specificDate1: inDays(10),
      amountBase: uniqueAmount(),
    });
    await expect(el).to.be.accessible();
    const created = oneEvent(el, 'pj-schedule-created');
    await el.submit();
    // "One date" in a new form: the repeating schedule's defaults (month, 1, today) are not held against it.
    const shown = [...el.shadowRoot!.querySelectorAll('.field-error')].map((e) => e.textContent);
    expect(shown).to.deep.equal([]);
    const { schedule } = (await created).detail;
    expect(posts[0]).not.to.have.property('tokenId'); // the card typed before switching is not tokenized
    expect(messages.slice(from).some((m) => (m.data as { tokenId?: string })?.tokenId)).to.equal(false);
    expect(posts[0]).to.include({ vaultId: '5002', scheduleType: 'SPECIFIC_DATES' });
    expect(schedule.vault).to.deep.include({ accountType: 'MASTERCARD', lastFour: '5100' });
    expect($(el, '[part="summary"]').textContent).to.contain('MASTERCARD •••• 5100');
    expect($(el, '[part="summary"]').textContent).to.contain('One date');
  });

  it('previous transaction: re-bills the card of a Smart Terminal payment', async () => {
    const terminals = (await (await realFetch('/pj/smart-terminals')).json()).results;
    const started = await realFetch('/pj/payments', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `sf-${crypto.randomUUID()}` },
      body: JSON.stringify({ smartTerminalId: terminals[0].smartTerminalId, amountBase: '3.10' }),
    });
    const { requestId } = await started.json();
    let transactionId: string | undefined;
    await waitUntil(
      async () => {
        const snapshot = await (await realFetch(`/pj/requests/${requestId}`)).json();
        transactionId = snapshot.outcome === 'approved' ? String(snapshot.transactionId) : undefined;
        return transactionId;
      },
      'payment approved',
      { timeout: 8000, interval: 200 },
    );
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form methods="transaction"></pj-schedule-form>`);
    await fill(el, { transactionId: transactionId!, ...PERIODIC, amountBase: uniqueAmount() });
    await expect(el).to.be.accessible();
    const schedule = await createdBy(el, () => el.submit());
    expect(posts[0]).to.include({ transactionId });
    expect(schedule.vault).to.deep.include({ lastFour: '1111' });
    await expect(el).to.be.accessible();
  });
});
