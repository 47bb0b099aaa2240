/** What every check is given, and what each gives back. */
import type { PayJunctionClient } from '../payjunction/index.js';
import type { PjSmartTerminal } from '../../src/protocol/wire.js';
import type { LabsCheckConfig } from './config.js';
import type { Seen } from './seen.js';

export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface CheckResult {
  id: 'authentication' | 'smart-terminals' | 'publishable-keys' | 'webhooks' | 'prompt' | 'charge';
  title: string;
  status: CheckStatus;
  /** One line: what was seen, or what went wrong and what to check. */
  summary: string;
  details: string[];
}

export interface CheckContext {
  pj: PayJunctionClient;
  config: LabsCheckConfig;
  seen: Seen;
  /** A line for the person running the check (stderr): what is happening, what to do at the terminal. */
  progress(line: string): void;
  /** Aborted on Ctrl+C: waits stop, and what was started on a terminal is cleaned up. */
  signal: AbortSignal;
  /** Filled by the checks as they go: whether the credentials were accepted, the card account requests run on, the Smart Terminals. */
  authenticated?: boolean;
  cardTerminalId?: number;
  smartTerminals?: PjSmartTerminal[];
}

export const result = (
  id: CheckResult['id'],
  title: string,
  status: CheckStatus,
  summary: string,
  details: string[] = [],
): CheckResult => ({ id, title, status, summary, details });
