/**
 * /customers (https://developer.payjunction.com/hc/en-us/articles/215960998) and their vaults
 * (https://developer.payjunction.com/hc/en-us/articles/216543557): POST and GET a customer; POST,
 * list, GET and DELETE its vaults. A vault is made from a `tokenId` (consumed), a keyed card or
 * ACH fields, checked by the shared rules (account-checks.ts); at most 50 per customer (403).
 */
import { Hono } from 'hono';
import { SCHEDULE_FIELDS } from '../../../src/protocol/schedule.js';
import { ACH_FIELDS, achProblems, CARD_FIELDS, cardProblems } from '../account-checks.js';
import { utcToday } from '../clock.js';
import { VAULT_LIMIT_MESSAGE } from '../customers.js';
import { errorBody, invalid, PjValidationError, required } from '../errors.js';
import type { FormParams } from '../form.js';
import type { PaymentSource } from '../source.js';
import { achSource, cardSource } from '../source.js';
import type { SimulatorState } from '../state.js';
import { FieldChecker } from '../validate.js';
import type { AppEnv } from './env.js';
import { notFound } from './env.js';

/**
 * The customer's contact fields and their lengths: the billing contact's of the shared table
 * (billingFirstName → firstName, 16), without the address. custom1's 255 is a guess.
 */
const CUSTOMER_FIELDS: ReadonlyArray<readonly [string, number]> = [
  ...SCHEDULE_FIELDS.filter(
    (f) => f.group === 'billing' && !/(Address|City|State|Zip|Country)$/.test(f.name) && f.maxLength !== undefined,
  ).map((f) => {
    const suffix = f.name.slice('billing'.length);
    return [suffix.charAt(0).toLowerCase() + suffix.slice(1), f.maxLength as number] as const;
  }),
  ['custom1', 255],
];

/** A vault's source: where it came from (the token to consume) and what is kept of it. */
interface VaultInput {
  source: PaymentSource;
  tokenId?: string;
}

export function customerRoutes(state: SimulatorState): Hono<AppEnv> {
  const { customers, tokens, clock } = state;
  const routes = new Hono<AppEnv>();

  /** The account a vault request names; throws every failure as one 400. */
  const readVaultInput = (form: FormParams): VaultInput => {
    const kinds = [
      form.text('tokenId') !== undefined && 'token',
      CARD_FIELDS.some((f) => form.text(f) !== undefined) && 'card',
      ACH_FIELDS.slice(0, 3).some((f) => form.text(f) !== undefined) && 'ach',
    ].filter((k): k is string => k !== false);
    if (kinds.length === 0) {
      throw new PjValidationError([required('tokenId', 'A tokenId, a card or an ACH account is required.')]);
    }
    if (kinds.length > 1) throw new PjValidationError([invalid('tokenId', 'Only one payment method may be sent.')]);
    const fields = form.toRecord();
    const today = utcToday(clock.now());
    switch (kinds[0]) {
      case 'token': {
        const tokenId = form.text('tokenId')!;
        const source = tokens.source(tokenId);
        if (!source) throw new PjValidationError([invalid('tokenId', tokens.problem(tokenId)!)]);
        return { source, tokenId };
      }
      case 'card': {
        const problems = cardProblems(fields, today);
        if (problems.length > 0) throw new PjValidationError(problems);
        return { source: cardSource(fields.cardNumber!) };
      }
      default: {
        const problems = achProblems(fields, today);
        if (problems.length > 0) throw new PjValidationError(problems);
        return {
          source: achSource(fields.achRoutingNumber!, fields.achAccountNumber!, fields.achAccountType!.toUpperCase()),
        };
      }
    }
  };

  /** Makes the vault and consumes its token; a 403 body when the customer has 50 already. */
  const addVault = (customerId: number, input: VaultInput) => {
    const vault = customers.addVault(customerId, input.source);
    if (vault === 'limit') return undefined;
    if (input.tokenId !== undefined) tokens.consume(input.tokenId, `vault ${vault.vaultId}`);
    return vault;
  };

  routes.post('/', (c) => {
    const form = c.get('form');
    const check = new FieldChecker(form);
    const fields: Record<string, string> = {};
    for (const [name, max] of CUSTOMER_FIELDS) {
      const value = check.optionalText(name, max);
      if (value !== undefined) fields[name] = value;
    }
    check.throwIfAny();
    // A token sent with the customer becomes its first vault (the answer is the customer, a guess).
    const input = form.text('tokenId') !== undefined ? readVaultInput(form) : undefined;
    const customer = customers.createCustomer(fields);
    if (input) addVault(customer.customerId, input);
    return c.json(customer, 200);
  });

  routes.get('/:customerId', (c) => {
    const customer = customers.getCustomer(c.req.param('customerId'));
    return customer ? c.json(customer) : notFound(c);
  });

  routes.post('/:customerId/vaults', (c) => {
    const customer = customers.getCustomer(c.req.param('customerId'));
    if (!customer) return notFound(c);
    const input = readVaultInput(c.get('form'));
    const vault = addVault(customer.customerId, input);
    return vault ? c.json(vault, 200) : c.json(errorBody({ message: VAULT_LIMIT_MESSAGE }), 403);
  });

  routes.get('/:customerId/vaults', (c) => {
    const customer = customers.getCustomer(c.req.param('customerId'));
    return customer ? c.json({ results: customers.listVaults(customer.customerId) }) : notFound(c);
  });

  routes.get('/:customerId/vaults/:vaultId', (c) => {
    const customer = customers.getCustomer(c.req.param('customerId'));
    const vault = customer && customers.getVault(customer.customerId, c.req.param('vaultId'));
    return vault ? c.json(vault) : notFound(c);
  });

  routes.delete('/:customerId/vaults/:vaultId', (c) => {
    const customer = customers.getCustomer(c.req.param('customerId'));
    if (!customer || !customers.deleteVault(customer.customerId, c.req.param('vaultId'))) return notFound(c);
    return c.body(null, 204);
  });

  return routes;
}
