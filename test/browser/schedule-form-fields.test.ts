/**
 * Issue 11's acceptance, in real Chromium: <pj-schedule-form>'s card and bank numbers are typed in
 * the payment fields frame, served by the relay on another origin than this page (real isolation:
 * scripts/wtr-relay-plugin.mjs), and the page never holds one: not in a control of any shadow root,
 * not in a message, not in a request. Cards and bank accounts reach the simulator end to end as a
 * token or a vault; a token that expired or was used is said plainly and a new submit recovers; an
 * empty submit marks the frame's fields with the form's. Axe, Spanish and the keyboard order with
 * the frame: schedule-form-fields-a11y.test.ts.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/elements/schedule-form/schedule-form.js';
import type { PjScheduleForm } from '../../src/elements/schedule-form/schedule-form.js';
import type { FieldsState } from '../../src/protocol/fields-channel.js';
import type { PjSchedule } from '../../src/protocol/wire.js';
import {
  $,
  ACH_FIELDS,
  CARD_FIELDS,
  PERIODIC,
  TYPED_NUMBERS,
  createdBy,
  errorBeside,
  errorPart,
  fill,
  focused,
  message,
  realFetch,
  recordSchedulePosts,
  uniqueAmount,
  announced,
} from './schedule-form.helpers.js';
import {
  allRoots,
  controlsHoldingNumbers,
  digitsOfTyped,
  frameReady,
  frameState,
  lastState,
  messages,
  paymentFrame,
  typeInFrame,
} from './schedule-form-frame.helpers.js';

/** Every value typed in the frame, the CVV and expiry included. */
const TYPED_VALUES = [...Object.values(CARD_FIELDS), ...Object.values(ACH_FIELDS)].filter((v) => /\d/.test(v));

/** Every string inside a value, at any depth. */
const stringsIn = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : value && typeof value === 'object'
      ? Object.values(value).flatMap(stringsIn)
      : [];

describe('<pj-schedule-form>: the numbers stay in the frame (issue 11)', () => {
  const posts = recordSchedulePosts();
  /** Every request the page itself sent while a test ran: where, and what. */
  const requests: { url: string; body: string }[] = [];
  let pageFetch: typeof fetch;
  beforeEach(() => {
    requests.length = 0;
    pageFetch = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      requests.push({ url: String(input), body: String(init?.body ?? '') });
      return pageFetch(input, init);
    };
  });
  afterEach(() => {
    window.fetch = pageFetch;
  });

  /** A card schedule, then (Set up another) a bank account's, each typed in the frame. */
  async function cardThenBank(): Promise<{ card: PjSchedule; bank: PjSchedule }> {
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form></pj-schedule-form>`);
    await fill(el, { ...PERIODIC, amountBase: uniqueAmount() });
    await typeInFrame(el, CARD_FIELDS);
    const card = await createdBy(el, () => el.submit());
    $<HTMLButtonElement>(el, '[part="reset-button"]').click();
    await el.updateComplete;
    await fill(el, { paymentMethod: 'ach' });
    await typeInFrame(el, ACH_FIELDS);
    await fill(el, { achType: 'PPD', billingFirstName: 'Ana', billingLastName: 'Ruiz', amountBase: uniqueAmount() });
    const bank = await createdBy(el, () => el.submit());
    return { card, bank };
  }

  it('no control of the page, in any shadow root, holds a typed number; the frame’s document is out of reach', async () => {
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form></pj-schedule-form>`);
    await typeInFrame(el, CARD_FIELDS);
    await fill(el, { paymentMethod: 'ach' });
    await typeInFrame(el, ACH_FIELDS);
    expect(lastState()).to.include({ method: 'ach', complete: true });
    expect(allRoots()).to.include(el.shadowRoot); // the walk does reach the form's controls
    expect(controlsHoldingNumbers(TYPED_NUMBERS)).to.deep.equal([]);
    const markup = allRoots()
      .map((root) => (root instanceof Document ? root.documentElement.outerHTML : root.innerHTML))
      .join('');
    expect(digitsOfTyped(markup, TYPED_NUMBERS)).to.deep.equal([]);
    const iframe = paymentFrame(el)!;
    expect(new URL(iframe.src).origin).not.to.equal(location.origin);
    expect(iframe.contentDocument).to.equal(null);
    expect(() => iframe.contentWindow!.document).to.throw(DOMException);
  });

  it('no message the page sends or receives holds a typed number, through a card and a bank account submission', async () => {
    const from = messages.length;
    await cardThenBank();
    const seen = messages.slice(from);
    // The recorder saw the whole conversation: the frame's states and both results.
    const types = seen.map((m) => `${m.way} ${(m.data as { type?: string })?.type}`);
    expect(types).to.include.members([
      'sent init',
      'received ready',
      'received state',
      'sent submit',
      'received result',
    ]);
    const results = seen.filter((m) => (m.data as { type?: string })?.type === 'result').map((m) => m.data);
    expect(results).to.have.length(2);
    expect(results[0]).to.include({ method: 'card', brand: 'VISA', lastFour: '1111' });
    expect(results[1]).to.include({ method: 'ach', accountType: 'CHECKING', lastFour: '6789' });
    expect(digitsOfTyped(seen, TYPED_NUMBERS)).to.deep.equal([]);
    const echoed = stringsIn(seen.map((m) => m.data)).filter((text) => TYPED_VALUES.includes(text));
    expect(echoed, 'a value typed in the frame, as a message value').to.deep.equal([]);
  });

  it('a card (token → vault) and a bank account schedule are created end to end; the page sent a token or a vault id, never a number', async () => {
    const { card, bank } = await cardThenBank();
    expect(posts).to.have.length(2);
    const [cardPost, bankPost] = posts as [Record<string, unknown>, Record<string, unknown>];
    expect(cardPost).to.include({ cardBrand: 'VISA', cardLastFour: '1111' });
    expect(cardPost.tokenId).to.be.a('string');
    expect(bankPost).to.include({ achType: 'PPD' });
    expect(bankPost.vaultId).to.match(/^\d+$/);
    for (const name of ['cardNumber', 'cardExpMonth', 'cardExpYear', 'cardCvv', 'achRoutingNumber', 'achAccountNumber'])
      for (const post of posts) expect(post, name).not.to.have.property(name);
    expect(card.vault).to.deep.include({ type: 'CARD', accountType: 'VISA', lastFour: '1111' });
    expect(bank.vault).to.deep.include({ type: 'ACH', accountType: 'CHECKING', lastFour: '6789' });
    // The token was used once, to make the card's vault; the simulator kept its brand and last four.
    const { tokens } = await (await realFetch('/__sim/tokens')).json();
    expect(tokens.find((t: { tokenId: string }) => t.tokenId === cardPost.tokenId)).to.deep.include({
      used: true,
      brand: 'VISA',
      lastFour: '1111',
    });
    // Nothing the page itself sent holds a number; the bank account went from the frame, not the page.
    expect(requests.filter((r) => r.url.endsWith('/schedules'))).to.have.length(2);
    expect(requests.filter((r) => r.url.includes('/fields/ach-vault'))).to.deep.equal([]);
    expect(digitsOfTyped(requests, TYPED_NUMBERS)).to.deep.equal([]);
    // A page that sends a number itself is refused: the relay takes numbers from the frame only.
    const raw = await realFetch('/pj/schedules', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...cardPost, tokenId: undefined, cardNumber: CARD_FIELDS.cardNumber }),
    });
    expect(raw.status).to.equal(400);
    expect((await raw.json()).error.code).to.equal('raw_payment_numbers');
  });

  for (const control of ['expire', 'reuse'] as const) {
    it(`a token that ${control === 'expire' ? 'expired' : 'was used already'} is refused in plain words; submitting again (a new token) succeeds`, async () => {
      const el = await fixture<PjScheduleForm>(html`<pj-schedule-form></pj-schedule-form>`);
      await fill(el, { ...PERIODIC, amountBase: uniqueAmount() });
      await typeInFrame(el, CARD_FIELDS);
      // The first schedule call finds its token spoilt, as if the person had waited 30 minutes (or it ran twice).
      let spoilt = false;
      const sending = window.fetch;
      window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
        const tokenId = String(input).endsWith('/schedules') && JSON.parse(String(init?.body)).tokenId;
        if (tokenId && !spoilt) {
          spoilt = true;
          const res = await realFetch(`/__sim/tokens/${tokenId}/${control}`, { method: 'POST' });
          expect(res.status, `${control} control`).to.equal(200);
        }
        return sending(input, init);
      };
      const error = oneEvent(el, 'pj-error');
      await el.submit();
      const { detail } = await error;
      expect(detail).to.include({ code: 'token_expired_or_used', status: 400 });
      expect(errorPart(el).textContent).to.contain('The card details expired or were already used');
      expect(errorPart(el).textContent).to.contain('Enter the card again');
      expect(focused(el)).to.equal(errorPart(el));
      await expect(el).to.be.accessible();
      const schedule = await createdBy(el, () => el.submit());
      expect(posts).to.have.length(2);
      expect(posts[1]!.tokenId).to.be.a('string').and.not.equal(posts[0]!.tokenId);
      expect(schedule.vault).to.deep.include({ accountType: 'VISA', lastFour: '1111' });
    });
  }

  it('an empty submit marks every empty required field, the frame’s with the form’s, and announces how many', async () => {
    const from = messages.length;
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form></pj-schedule-form>`);
    await frameReady(el);
    await el.submit();
    const card = await frameState((s) => s.fields.cardNumber?.state === 'invalid', from, 'marked card fields');
    const { fields } = card;
    for (const name of ['cardNumber', 'cardExpMonth', 'cardExpYear'] as const)
      expect(fields[name], name).to.deep.equal({ state: 'invalid', message: message('required', name) });
    expect(fields.cardCvv, 'optional').to.deep.equal({ state: 'empty' });
    expect(errorBeside(el, 'amountBase')).to.equal(message('required', 'amountBase'));
    expect(focused(el)).to.equal(paymentFrame(el)); // the frame's fields come first
    const marked = (state: FieldsState) =>
      el.shadowRoot!.querySelectorAll('[aria-invalid="true"]').length +
      Object.values(state.fields).filter((f) => f.state === 'invalid').length;
    expect(announced(el)).to.equal(`${marked(card)} field(s) need attention.`);
    expect(posts).to.have.length(0);

    // A bank account: its type (the form's) and its numbers (the frame's); the account type has a default.
    await fill(el, { paymentMethod: 'ach' });
    const achFrom = messages.length;
    await el.submit();
    const ach = await frameState((s) => s.method === 'ach' && s.fields.achRoutingNumber?.state === 'invalid', achFrom);
    expect(ach.fields.achAccountNumber).to.deep.equal({
      state: 'invalid',
      message: message('required', 'achAccountNumber'),
    });
    expect(ach.fields.achAccountType).to.deep.equal({ state: 'complete' });
    expect(errorBeside(el, 'achType')).to.equal(message('required', 'achType'));
    expect(announced(el)).to.equal(`${marked(ach)} field(s) need attention.`);
    expect(posts).to.have.length(0);
  });
});
