/**
 * <pj-schedule-form> with its payment fields frame (on the relay's fields origin) for people who use
 * axe's rules, Spanish or only the keyboard: axe while the frame loads, once it is ready, when it
 * cannot load, and after a schedule is created; the frame told its words in Spanish and answering in
 * Spanish; Tab from the method chooser into the frame's card number, through it, and out to the
 * form's next control. What the frame shows inside is tested on its own in fields-frame.test.ts.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/schedule-form/schedule-form.js';
import type { PjScheduleForm } from '../../src/elements/schedule-form/schedule-form.js';
import type { PjErrorDetail } from '../../src/events/pj-error.js';
import { scheduleFormEn } from '../../src/locales/en/schedule-form.js';
import { es } from '../../src/locales/es.js';
import { fieldsEs } from '../../src/locales/es/fields.js';
import { messagesEs } from '../../src/locales/es/messages.js';
import { relayErrorsEs } from '../../src/locales/es/relay-errors.js';
import { scheduleFormEs } from '../../src/locales/es/schedule-form.js';
import { format, setLocale } from '../../src/locales/locale.js';
import type { FieldsInit } from '../../src/protocol/fields-channel.js';
import {
  $,
  CARD,
  CARD_FIELDS,
  PERIODIC,
  createdBy,
  errorPart,
  fill,
  focused,
  realFetch,
  recordSchedulePosts,
  uniqueAmount,
  year,
} from './schedule-form.helpers.js';
import {
  frameReady,
  frameState,
  loadingNote,
  messages,
  paymentFrame,
  typeInFrame,
} from './schedule-form-frame.helpers.js';
import { englishIn, stringsOf } from './spanish.helpers.js';

describe('<pj-schedule-form>: the frame with axe, Spanish and the keyboard', () => {
  const posts = recordSchedulePosts();

  it('axe passes while the frame loads, once it is ready, when it cannot load, and once the schedule is created', async () => {
    // The relay's answer about the frame is held back, so the loading state stays until it is checked.
    let answer!: () => void;
    const held = new Promise<void>((resolve) => (answer = resolve));
    const sending = window.fetch;
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).endsWith('/fields/config')) await held;
      return sending(input, init);
    };
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form></pj-schedule-form>`);
    await waitUntil(() => loadingNote(el), 'no loading state');
    expect(loadingNote(el)!.textContent).to.equal(scheduleFormEn.loadingFields);
    await expect(el).to.be.accessible();
    answer();
    await frameReady(el);
    await expect(el).to.be.accessible();
    await fill(el, { ...PERIODIC, amountBase: uniqueAmount() });
    await typeInFrame(el, CARD_FIELDS);
    await createdBy(el, () => el.submit());
    expect(posts).to.have.length(1);
    await expect(el).to.be.accessible();

    const errors: PjErrorDetail[] = [];
    const broken = await fixture<PjScheduleForm>(
      html`<pj-schedule-form
        endpoint="http://127.0.0.1:9/pj"
        @pj-error=${(e: CustomEvent<PjErrorDetail>) => errors.push(e.detail)}
      ></pj-schedule-form>`,
    );
    await waitUntil(() => $(broken, '[role="alert"]'), 'the frame never said it could not load');
    expect($(broken, '[role="alert"]').textContent!.trim()).to.equal(scheduleFormEn.fieldsUnavailable);
    expect(paymentFrame(broken)!.hidden).to.equal(true);
    expect(errors.map((e) => e.message)).to.deep.equal([scheduleFormEn.fieldsUnavailable]);
    await expect(broken).to.be.accessible();
  });

  it('Spanish: the frame is told its words in Spanish, answers in Spanish, and the form says so in Spanish', async () => {
    setLocale(es);
    const from = messages.length;
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form></pj-schedule-form>`);
    await waitUntil(() => loadingNote(el), 'no loading state');
    expect(loadingNote(el)!.textContent).to.equal(scheduleFormEs.loadingFields);
    expect((await frameReady(el)).title).to.equal(fieldsEs.frameTitle);
    const init = messages.slice(from).find((m) => (m.data as FieldsInit).type === 'init')!.data as FieldsInit;
    expect(init.lang).to.equal('es-US');
    expect(init.messages.fields.achAccountNumber).to.equal(messagesEs.fields.achAccountNumber);
    expect(init.words).to.include({ expiry: fieldsEs.expiry, checking: fieldsEs.checking });
    expect(englishIn(stringsOf([init.words, init.messages]).join(' ')), 'English told to the frame').to.deep.equal([]);
    await typeInFrame(el, { cardNumber: CARD, cardExpMonth: '01', cardExpYear: String(year - 1) });
    await el.submit();
    const { fields } = await frameState((s) => s.fields.cardExpYear?.state === 'invalid', from, 'expired card');
    expect(fields.cardExpYear!.message).to.equal(messagesEs.cardExpired);
    const status = $(el, '[role="status"]').textContent!.trim();
    expect(status).to.equal(format(scheduleFormEs.invalid, { count: 2 })); // the amount and the expired card
    await expect(el).to.be.accessible();

    // A spoilt token: the relay's refusal in the page's words.
    await typeInFrame(el, CARD_FIELDS);
    await fill(el, { ...PERIODIC, amountBase: uniqueAmount() });
    const sending = window.fetch;
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const tokenId = String(input).endsWith('/schedules') && JSON.parse(String(init?.body)).tokenId;
      if (tokenId) await realFetch(`/__sim/tokens/${tokenId}/expire`, { method: 'POST' });
      return sending(input, init);
    };
    await el.submit();
    await waitUntil(() => errorPart(el), 'no refusal');
    expect(errorPart(el).textContent!.trim()).to.equal(relayErrorsEs.token_expired_or_used);
  });

  it('keyboard: Tab goes from the method chooser into the frame’s card number, through its fields, and out to the form', async () => {
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form></pj-schedule-form>`);
    await frameReady(el);
    const from = messages.length;
    $<HTMLInputElement>(el, 'input[name="paymentMethod"][value="card"]').focus();
    await sendKeys({ press: 'Tab' });
    expect(focused(el), 'focus in the frame').to.equal(paymentFrame(el));
    await sendKeys({ type: CARD }); // lands in the card number: the frame says so
    await frameState((s) => s.fields.cardNumber?.state === 'complete', from, 'the card number typed by keys');
    for (const value of ['12', String(year + 2), '123']) {
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: value });
    }
    const typed = await frameState((s) => s.complete, from, 'every card field typed by keys');
    expect(Object.values(typed.fields).map((f) => f.state)).to.deep.equal(Array(4).fill('complete'));
    await sendKeys({ press: 'Tab' }); // out of the frame: the form's next control
    expect(focused(el)!.getAttribute('name')).to.equal('scheduleType');
    await sendKeys({ down: 'Shift' }); // and back into the frame's last field
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(focused(el)).to.equal(paymentFrame(el));
    await sendKeys({ press: 'Backspace' });
    await frameState((s) => s.fields.cardCvv?.state === 'invalid', from, 'the CVV edited by keys');
  });
});
