/**
 * The simulated merchant: its credentials, Smart Terminals, merchant accounts ("terminals") and
 * stored vaults. Fixed ids, so that tests, the demo and documentation can name them.
 */
import type { PjSmartTerminal, PjTerminal, PjVault } from '../../src/protocol/wire.js';

/**
 * The public labs demo login: login and password from PayJunction's own example
 * (https://developer.payjunction.com/hc/en-us/articles/360008504674), the application key from
 * the 2014 tests of https://github.com/brandedcrate/payjunction-nodejs. The simulator accepts
 * exactly these unless PJ_API_LOGIN / PJ_API_PASSWORD / PJ_APP_KEY or `credentials` say otherwise.
 */
export const DEFAULT_SIMULATOR_CREDENTIALS = Object.freeze({
  login: 'pj-ql-01',
  password: 'pj-ql-01p',
  appKey: '2489d40d-a74f-474f-9e8e-7b39507f3101',
});

export interface SimulatorCredentials {
  login: string;
  password: string;
  appKey: string;
}

/** The merchant's PJMID, sent as `Pj-Merchant` on every webhook delivery. */
export const SIM_MERCHANT_ID = '5a1b7c3e-0f4d-4e8a-9b21-6c0d9e8f7a10';

export interface SimDevice extends PjSmartTerminal {
  /** Whether the device starts online (Back Office is unplugged). */
  online: boolean;
}

export const SIM_DEVICES: readonly SimDevice[] = Object.freeze([
  {
    smartTerminalId: '7c2b9a4e-31f0-4c55-8d0e-0a1b2c3d4e51',
    serialNumber: 'SIM000001',
    nickName: 'Front Counter',
    created: '2024-01-15T17:02:11Z',
    online: true,
  },
  {
    smartTerminalId: '7c2b9a4e-31f0-4c55-8d0e-0a1b2c3d4e52',
    serialNumber: 'SIM000002',
    nickName: 'Drive-Thru',
    created: '2024-01-15T17:04:39Z',
    online: true,
  },
  {
    smartTerminalId: '7c2b9a4e-31f0-4c55-8d0e-0a1b2c3d4e53',
    serialNumber: 'SIM000003',
    nickName: 'Back Office',
    created: '2024-02-02T09:41:05Z',
    online: false,
  },
]);

export const SIM_TERMINALS: readonly PjTerminal[] = Object.freeze([
  {
    terminalId: 1,
    nickName: 'Simulated Card Account',
    type: 'CARD',
    enabled: true,
    accountId: 'a0c1e2f3-4b5a-4c6d-8e7f-901a2b3c4d01',
    companyDba: 'Simulated Coffee Co',
    companyLegal: 'Simulated Coffee Company LLC',
    merchantNumber: '000000000000001',
    surcharge: { enabled: false },
  },
  {
    terminalId: 2,
    nickName: 'Simulated ACH Account',
    type: 'ACH',
    enabled: true,
    accountId: 'a0c1e2f3-4b5a-4c6d-8e7f-901a2b3c4d02',
    companyDba: 'Simulated Coffee Co',
    companyLegal: 'Simulated Coffee Company LLC',
    merchantNumber: '000000000000002',
    surcharge: { enabled: false },
  },
]);

/** Stored payment accounts that `vaultId` may name (re-bill by vault). */
export const SIM_VAULTS: Readonly<Record<string, PjVault>> = Object.freeze({
  '5001': { type: 'CARD', accountType: 'VISA', lastFour: '1111' },
  '5002': { type: 'CARD', accountType: 'MASTERCARD', lastFour: '5100' },
  '5003': { type: 'ACH', accountType: 'CHECKING', lastFour: '6789' },
});

/**
 * The card the simulated cardholder presents at a Smart Terminal: PayJunction's test Visa (the one of
 * its examples, e.g. https://developer.payjunction.com/hc/en-us/articles/218052327). Kept whole only
 * to fingerprint it, so that keying it and reading it at a terminal are the same card for DT.
 */
export const SIM_PRESENTED_CARD_NUMBER = '4444333322221111';
export const SIM_PRESENTED_CARD: PjVault = Object.freeze({ type: 'CARD', accountType: 'VISA', lastFour: '1111' });

/** The phone number a simulated customer types at request-input (the example of https://developer.payjunction.com/hc/en-us/articles/360002739934). */
export const SIM_DEFAULT_INPUT_VALUE = '8006010230';

export function terminalById(id: string | number | undefined): PjTerminal | undefined {
  if (id === undefined) return undefined;
  const text = String(id).trim();
  if (!/^\d+$/.test(text)) return undefined;
  return SIM_TERMINALS.find((t) => t.terminalId === Number(text));
}
