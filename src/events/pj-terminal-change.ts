/**
 * The cashier chose a terminal in `<pj-terminal-pay>`'s picker (not fired when the element shows a
 * resumed request's terminal by itself): its id and name, both `''` when they went back to "Choose a
 * terminal…". A page may remember the choice, or point its own controls at that terminal.
 */
export type PjTerminalChangeEvent = CustomEvent<{ smartTerminalId: string; nickName: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'pj-terminal-change': PjTerminalChangeEvent;
  }
}
