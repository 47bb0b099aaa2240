/**
 * The submission of `<pj-schedule-form>`: one state at a time, so the form never shows a sending
 * button beside a stale decline, or a duplicate prompt after an edit. The form renders from it and
 * changes it only in its event handlers (never while rendering), through sendSchedule().
 */
import type { ScheduleParams } from '../protocol/schedule.js';
import type { PjSchedule } from '../protocol/wire.js';
import { RelayClientError, createSchedule } from './relay-client.js';

/** The relay's 402 `decline`: {code, message, guidance?, retry?}. */
export type ScheduleDecline = NonNullable<RelayClientError['decline']>;

export type ScheduleSubmission =
  /** Filling in the form (also after a local check found errors, or an edit after the duplicate prompt). */
  | { phase: 'editing' }
  /** POST /schedules is on its way: a second submit does nothing. */
  | { phase: 'submitting'; body: ScheduleParams }
  /** Done: the form gives way to the summary and holds no card or account number any more. */
  | { phase: 'created'; schedule: PjSchedule }
  /** 409 duplicate_schedule: the person may confirm, which resends `body` with bypassDuplicate. */
  | { phase: 'duplicate'; body: ScheduleParams; error: RelayClientError }
  /** 402 preauth_declined: the card was declined when PayJunction checked it. */
  | { phase: 'declined'; body: ScheduleParams; error: RelayClientError; decline: ScheduleDecline }
  /** Any other refusal (field errors in `error.fields`), or the relay could not be reached (status 0). */
  | { phase: 'failed'; body: ScheduleParams; error: RelayClientError };

/** How a sent submission ends. */
export type ScheduleSubmissionEnd = Exclude<ScheduleSubmission, { phase: 'editing' | 'submitting' }>;

export const EDITING: ScheduleSubmission = { phase: 'editing' };

/** Whether `state` may be sent: not while a submission is on its way, nor once it is done. */
export const canSend = (state: ScheduleSubmission): boolean =>
  state.phase !== 'submitting' && state.phase !== 'created';

/** What a refusal of `body` by the relay makes of the submission. */
export function refusedSubmission(body: ScheduleParams, error: RelayClientError): ScheduleSubmissionEnd {
  if (error.status === 409) return { phase: 'duplicate', body, error };
  if (error.decline) return { phase: 'declined', body, error, decline: error.decline };
  return { phase: 'failed', body, error };
}

/** POST /schedules: how the submission of `body` ends (created, or refused by the relay, or no relay). */
export async function sendSchedule(endpoint: string, body: ScheduleParams): Promise<ScheduleSubmissionEnd> {
  try {
    return { phase: 'created', schedule: await createSchedule(endpoint, body) };
  } catch (err) {
    return refusedSubmission(body, err instanceof RelayClientError ? err : new RelayClientError(0, 'network', ''));
  }
}
