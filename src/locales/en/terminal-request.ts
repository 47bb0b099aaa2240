/**
 * The words of `<pj-terminal-request>` that are its own, in plain cashier language: what it asks, its
 * buttons and the customer's answers. The states it shares with a payment (connecting, busy, offline,
 * timed out, cancelled, in doubt, error, not found, the timer) are the locale's `requestStates`
 * (request-states.ts), so they read the same in every element. Replace any of
 * them with a locale object (`setLocale({ terminalRequest: {…} })` or the element's `locale`
 * property); `{name}` placeholders are filled by the element. Keys ending in `Signature`, `Prompt`
 * and `Input` are used for that `kind` of request.
 */
export interface TerminalRequestStrings {
  /** Label of the terminal picker. */
  terminalLabel: string;
  /** The picker's empty first choice. */
  chooseTerminal: string;
  loadingTerminals: string;
  /** A terminal the relay could not reach at its last try, in the picker. {terminal}: its name. */
  terminalUnreachable: string;
  /** The terminal list could not be loaded. {message}: the relay's error in the page's language (locale `relayErrors`). */
  terminalsFailed: string;
  /** Stands in for a terminal whose name is not known (yet). */
  theTerminal: string;
  /** Idle with the picker and nothing chosen yet. */
  chooseHint: string;
  /** Idle. {terminal}: the terminal's name. */
  idleSignature: string;
  idlePrompt: string;
  idleInput: string;
  /** Under an idle prompt. {text}: the question. */
  question: string;
  /** Under an idle prompt. {buttons}: the answers offered, joined with " · ". */
  choices: string;
  /** The start button. */
  startSignature: string;
  startPrompt: string;
  startInput: string;
  /** The start button after an end: a new request. */
  askAgain: string;
  /** The start button after a network failure: sends the same attempt again (same idempotency key). */
  retrySame: string;
  cancel: string;
  /** The request is on its way to the relay. */
  starting: string;
  /** Watching a request given by `request-id`, before its first snapshot. */
  resuming: string;
  /** The terminal shows the request. */
  waitingSignature: string;
  waitingPrompt: string;
  waitingInput: string;
  /** Under the answer while the terminal has not closed the request yet. */
  finishing: string;
  /** Cancel was pressed; the terminal has not answered yet. */
  cancelling: string;
  /** The progress indicator's accessible name. */
  progress: string;
  /** The customer signed. */
  signed: string;
  /** {button}: the label of the button the customer pressed. */
  answered: string;
  /** {value}: what the customer typed. */
  entered: string;
  /** Cancel was pressed but the customer had already answered. */
  tooLateToCancel: string;
  /** Under "Cancelled": the customer cancelled on the terminal. */
  cancelledOnTerminal: string;
  /** The relay could not be reached. */
  network: string;
  /** Cancel failed. {message}: the relay's error in the page's language (locale `relayErrors`). */
  cancelFailed: string;
  /** The element's `kind` is none of signature, prompt and input (a mistake in the page). */
  unknownKind: string;
}

export const terminalRequestEn: TerminalRequestStrings = {
  terminalLabel: 'Terminal',
  chooseTerminal: 'Choose a terminal…',
  loadingTerminals: 'Loading terminals…',
  terminalUnreachable: '{terminal} (offline at the last try)',
  terminalsFailed: "Couldn't load the terminals: {message}",
  theTerminal: 'the terminal',
  chooseHint: 'Choose a terminal to start.',
  idleSignature: 'Ready to ask for a signature on {terminal}',
  idlePrompt: 'Ready to ask a question on {terminal}',
  idleInput: 'Ready to ask for a phone number on {terminal}',
  question: 'Question: {text}',
  choices: 'Answers: {buttons}',
  startSignature: 'Ask for a signature',
  startPrompt: 'Ask the question',
  startInput: 'Ask for a phone number',
  askAgain: 'Ask again',
  retrySame: 'Try again',
  cancel: 'Cancel',
  starting: 'Sending to the terminal…',
  resuming: 'Checking the request…',
  waitingSignature: 'Ask the customer to read the terms and sign on the terminal',
  waitingPrompt: 'Ask the customer to answer on the terminal',
  waitingInput: 'Ask the customer to type their phone number on the terminal',
  finishing: 'The terminal is finishing up…',
  cancelling: 'Cancelling…',
  progress: 'Waiting for the terminal',
  signed: 'Signed on the terminal',
  answered: 'The customer chose “{button}”',
  entered: 'The customer entered {value}',
  tooLateToCancel: 'The customer had already answered, so the answer was kept.',
  cancelledOnTerminal: 'The customer cancelled on the terminal.',
  network: "Couldn't reach the payment server. Check the connection and try again.",
  cancelFailed: "Couldn't cancel: {message}",
  unknownKind:
    'This element asks for a signature, a question or a phone number: set its kind to signature, prompt or input.',
};
