/**
 * The schedule object as PayJunction answers it
 * (https://developer.payjunction.com/hc/en-us/articles/4405322684315), built from the validated
 * params of POST or PUT /schedules plus what the store keeps (id, terminal, vault, status, dates).
 */
import { addMoney } from '../../src/protocol/money.js';
import type { ScheduleParams } from '../../src/protocol/schedule.js';
import type { PjContact, PjSchedule } from '../../src/protocol/wire.js';

/** What the store decides about a schedule; the rest comes from its params. */
export type ScheduleIdentity = Pick<
  PjSchedule,
  'scheduleId' | 'terminalId' | 'vault' | 'status' | 'created' | 'lastModified'
>;

export function scheduleObject(identity: ScheduleIdentity, params: ScheduleParams): PjSchedule {
  return ordered({ ...identity, ...scheduleFields(params) } as PjSchedule);
}

function contact(params: ScheduleParams, prefix: 'billing' | 'shipping'): PjContact | undefined {
  const p = params as unknown as Record<string, string | undefined>;
  const c: PjContact = {};
  const pick = (suffix: string) => p[`${prefix}${suffix}`];
  const set = <K extends keyof PjContact>(key: K, value: PjContact[K] | undefined) => {
    if (value !== undefined) c[key] = value;
  };
  set('identifier', pick('Identifier'));
  set('firstName', pick('FirstName'));
  set('middleName', pick('MiddleName'));
  set('lastName', pick('LastName'));
  set('companyName', pick('CompanyName'));
  set('jobTitle', pick('JobTitle'));
  set('phone', pick('Phone'));
  set('phone2', pick('Phone2'));
  set('email', pick('Email'));
  set('website', pick('Website'));
  const address: NonNullable<PjContact['address']> = {};
  if (pick('Address') !== undefined) address.address = pick('Address')!;
  if (pick('City') !== undefined) address.city = pick('City')!;
  if (pick('State') !== undefined) address.state = pick('State')!;
  if (pick('Zip') !== undefined) address.zip = pick('Zip')!;
  if (pick('Country') !== undefined) address.country = pick('Country')!;
  if (Object.keys(address).length > 0) c.address = address;
  return Object.keys(c).length > 0 ? c : undefined;
}

/** The schedule object's fields that come straight from the params. */
function scheduleFields(params: ScheduleParams): Partial<PjSchedule> & Record<string, unknown> {
  const amounts = [
    params.amountBase,
    params.amountTax,
    params.amountShipping,
    params.amountTip,
    params.amountSurchargeTax,
  ].filter((a): a is string => a !== undefined);
  const periodic = params.scheduleType === 'PERIODIC';
  const billing = contact(params, 'billing');
  const shipping = contact(params, 'shipping');
  return {
    scheduleType: params.scheduleType,
    ...(periodic
      ? {
          interval: params.interval as PjSchedule['interval'],
          intervalCount: Number(params.intervalCount),
          ...(params.intervalCap !== undefined ? { intervalCap: Number(params.intervalCap) } : {}),
        }
      : {}),
    amountBase: params.amountBase,
    ...(params.amountTax !== undefined ? { amountTax: params.amountTax } : {}),
    ...(params.amountShipping !== undefined ? { amountShipping: params.amountShipping } : {}),
    ...(params.amountTip !== undefined ? { amountTip: params.amountTip } : {}),
    amountTotal: addMoney(...amounts),
    ...(billing ? { billing } : {}),
    ...(shipping ? { shipping } : {}),
    ...(params.invoiceNumber !== undefined ? { invoiceNumber: params.invoiceNumber } : {}),
    ...(params.purchaseOrderNumber !== undefined ? { purchaseOrderNumber: params.purchaseOrderNumber } : {}),
    ...(periodic ? { startDate: params.startDate! } : { specificDate1: params.specificDate1! }),
    nextTransaction: periodic ? params.startDate! : params.specificDate1!,
  };
}

/** The documented schedule object's key order (identity, type, amounts, vault, billing, status, dates). */
function ordered(s: PjSchedule): PjSchedule {
  const order = [
    'scheduleId',
    'terminalId',
    'scheduleType',
    'interval',
    'intervalCount',
    'intervalCap',
    'amountBase',
    'amountTax',
    'amountShipping',
    'amountTip',
    'amountTotal',
    'vault',
    'billing',
    'shipping',
    'invoiceNumber',
    'purchaseOrderNumber',
    'status',
    'startDate',
    'specificDate1',
    'created',
    'lastModified',
    'nextTransaction',
  ];
  const fields = s as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of order) if (fields[key] !== undefined) out[key] = fields[key];
  return out as unknown as PjSchedule;
}
