/**
 * The page's side of the payment fields frame (src/core/fields-frame.ts) against the real frame, and
 * a card tokenized end to end through the simulator's look-alike SDK. The test runner serves one
 * origin, so the controller is run with its test-only same-origin option; its refusal without it is
 * the first test.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { FieldsFrame, FieldsFrameError, readFrameTheme } from '../../src/core/fields-frame.js';
import { fieldsEs } from '../../src/locales/es/fields.js';
import type { FieldsState } from '../../src/protocol/fields-channel.js';
import { FRAME_URL, frameDoc, initMessage, typeInto } from './fields.helpers.js';
import { year } from './schedule-form.helpers.js';

const { type: _type, ...INIT } = initMessage();

describe('FieldsFrame (the page’s controller)', () => {
  let iframe: HTMLIFrameElement;
  let controller: FieldsFrame | undefined;
  beforeEach(() => {
    iframe = document.createElement('iframe');
    document.body.append(iframe);
  });
  afterEach(() => {
    controller?.dispose();
    controller = undefined;
    iframe.remove();
  });

  it('refuses fields on the page’s own origin, saying why, in the page’s language', () => {
    const make = (words = {}) =>
      new FieldsFrame({ iframe, src: FRAME_URL, fieldsOrigin: location.origin, init: INIT, words });
    expect(make).to.throw(FieldsFrameError, /another origin \(PJ_FIELDS_ORIGIN\)/);
    expect(() => make(fieldsEs))
      .to.throw(`(${location.origin})`)
      .with.property('code', 'fields_same_origin');
    expect(() => make(fieldsEs)).to.throw(/Los campos de pago deben venir de otro origen/);
    expect(iframe.getAttribute('src')).to.equal(null);
    const elsewhere = () =>
      new FieldsFrame({
        iframe,
        src: `${location.origin}${FRAME_URL}`,
        fieldsOrigin: 'https://fields.example',
        init: INIT,
      });
    expect(elsewhere).to.throw(FieldsFrameError).with.property('code', 'fields_bad_origin');
  });

  it('connects, keeps the latest state, sizes the iframe, switches method, and submits', async () => {
    const states: FieldsState[] = [];
    controller = new FieldsFrame({
      iframe,
      src: FRAME_URL,
      fieldsOrigin: location.origin,
      init: INIT,
      onState: (state) => states.push(state),
      unsafeAllowSameOriginForTests: true,
    });
    await controller.ready;
    await waitUntil(() => controller!.state?.method === 'card');
    expect(iframe.title).to.equal('Card or bank account details');
    await waitUntil(() => parseInt(iframe.style.height) > 100, 'the iframe takes the frame’s height');
    const outcome = await controller.submit();
    expect('error' in outcome && outcome.error.code).to.equal('invalid_fields');
    controller.setMethod('ach');
    await waitUntil(() => controller!.state?.method === 'ach');
    expect(states.at(-1)).to.equal(controller.state);
    expect(controller.dropped).to.equal(0);
  });

  it('drops what its guard does not expect, a number first of all', async () => {
    let framePort: MessagePort | undefined;
    // Registered before the controller's: catches the port the frame is given (only a same-origin test can).
    iframe.addEventListener('load', () =>
      iframe.contentWindow!.addEventListener('message', (event) => (framePort ??= event.ports[0])),
    );
    controller = new FieldsFrame({
      iframe,
      src: FRAME_URL,
      fieldsOrigin: location.origin,
      init: INIT,
      unsafeAllowSameOriginForTests: true,
    });
    await waitUntil(() => controller!.state);
    const before = controller.state;
    framePort!.postMessage({ ...before, cardNumber: '4111111111111111' });
    framePort!.postMessage({
      type: 'state',
      method: 'card',
      fields: { cardNumber: { state: 'invalid', message: '4111111111111111' } },
      complete: false,
    });
    framePort!.postMessage({
      type: 'result',
      method: 'card',
      tokenId: '4111111111111111',
      brand: 'VISA',
      lastFour: '1111',
    });
    framePort!.postMessage({ type: 'resize', height: 'tall' });
    framePort!.postMessage('ready');
    await waitUntil(() => controller!.dropped === 5, `dropped ${controller.dropped}`);
    expect(controller.state).to.equal(before);
  });

  it('rejects a pending submit on dispose', async () => {
    controller = new FieldsFrame({
      iframe,
      src: FRAME_URL,
      fieldsOrigin: location.origin,
      init: INIT,
      unsafeAllowSameOriginForTests: true,
    });
    await controller.ready;
    const pending = controller.submit();
    controller.dispose();
    const error = await pending.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(FieldsFrameError).with.property('code', 'fields_disposed');
  });

  it('reads only the fixed --pj-* tokens, and only values the frame accepts', () => {
    const host = document.createElement('div');
    host.style.setProperty('--pj-color-accent', '#123456');
    host.style.setProperty('--pj-color-text', 'url(https://evil.example/)');
    host.style.setProperty('--pj-font-family', '"Inter", system-ui');
    host.style.setProperty('--pj-other', 'red');
    document.body.append(host);
    expect(readFrameTheme(host)).to.deep.equal({
      '--pj-color-accent': '#123456',
      '--pj-font-family': '"Inter", system-ui',
    });
    host.remove();
  });

  it('tokenizes a card through the simulator’s SDK: the page gets a token, the brand and the last four', async () => {
    // The relay in simulator mode offers the simulator's SDK origin and a publishable key made there.
    const response = await fetch('/pj/fields/config');
    expect(response.status).to.equal(200);
    const { publishableKey, sdkUrl } = (await response.json()) as { publishableKey: string; sdkUrl: string };
    iframe.addEventListener('load', () => {
      // The relay names its SDK origin in the frame's page when it serves it; the runner serves the file as is.
      const meta = frameDoc(iframe).querySelector<HTMLMetaElement>('meta[name="pj-fields-sdk-origins"]')!;
      meta.content += ` ${new URL(sdkUrl).origin}`;
    });
    controller = new FieldsFrame({
      iframe,
      src: FRAME_URL,
      fieldsOrigin: location.origin,
      init: { ...INIT, config: { ...INIT.config, publishableKey, sdkUrl } },
      unsafeAllowSameOriginForTests: true,
    });
    await waitUntil(() => controller!.state);
    await typeInto(iframe, 'cardNumber', '4111 1111 1111 1111');
    await typeInto(iframe, 'cardExpMonth', '12');
    await typeInto(iframe, 'cardExpYear', String(year + 2));
    await typeInto(iframe, 'cardCvv', '123');
    const outcome = await controller.submit();
    expect(outcome).to.include({ method: 'card', brand: 'VISA', lastFour: '1111' });
    const tokenId = (outcome as { tokenId: string }).tokenId;
    const { tokens } = (await (await fetch('/__sim/tokens')).json()) as {
      tokens: { tokenId: string; used: boolean }[];
    };
    expect(tokens.find((t) => t.tokenId === tokenId)).to.include({ used: false });
    expect(frameDoc(iframe).querySelectorAll(`script[src="${sdkUrl}"]`).length).to.equal(1);
  });
});
