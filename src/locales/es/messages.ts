/**
 * Spanish (US) for the field names and validation sentences of the payment and schedule rules
 * (src/protocol/payment.ts, schedule.ts): the locale's `messages`. The schedule form's labels come
 * from its `fields`.
 */
import type { PaymentMessages } from '../../protocol/payment.js';
import type { ScheduleMessages } from '../../protocol/schedule.js';

const CONTACT = {
  Identifier: 'ID de cliente',
  FirstName: 'nombre',
  MiddleName: 'segundo nombre',
  LastName: 'apellido',
  CompanyName: 'empresa',
  JobTitle: 'cargo',
  Phone: 'teléfono',
  Phone2: 'segundo teléfono',
  Address: 'dirección',
  City: 'ciudad',
  State: 'estado',
  Zip: 'código postal',
  Country: 'país',
  Email: 'correo electrónico',
  Website: 'sitio web',
} as const;
type Contact = keyof typeof CONTACT;

const contact = <P extends 'billing' | 'shipping'>(prefix: P, words: string) =>
  Object.fromEntries(
    Object.entries(CONTACT).map(([suffix, name]) => [
      `${prefix}${suffix}`,
      `${name[0]!.toUpperCase()}${name.slice(1)} ${words}`,
    ]),
  ) as Record<`${P}${Contact}`, string>;

/**
 * Every validation sentence and field name of src/protocol/schedule.ts and payment.ts, in Spanish:
 * one table, as the two rule sets share `required`, `tooLong` and the money rule's sentences.
 */
export const messagesEs: ScheduleMessages & PaymentMessages = {
  fields: {
    cardNumber: 'Número de tarjeta',
    cardExpMonth: 'Mes de vencimiento',
    cardExpYear: 'Año de vencimiento',
    cardCvv: 'CVV',
    achRoutingNumber: 'Número de ruta',
    achAccountNumber: 'Número de cuenta',
    achAccountType: 'Tipo de cuenta',
    achType: 'Tipo de ACH',
    vaultId: 'ID de bóveda',
    transactionId: 'ID de transacción',
    tokenId: 'Token de la tarjeta',
    cardBrand: 'Marca de la tarjeta',
    cardLastFour: 'Últimos cuatro dígitos de la tarjeta',
    avs: 'Verificación de dirección (AVS)',
    cvv: 'Verificación de CVV',
    amountBase: 'Importe',
    amountShipping: 'Importe de envío',
    amountTip: 'Propina',
    allowTips: 'Permitir propinas',
    amountTax: 'Impuesto',
    amountSurchargeTax: 'Impuesto del recargo',
    terminalId: 'ID de terminal',
    scheduleType: 'Tipo de calendario',
    interval: 'Intervalo',
    intervalCount: 'Cantidad de intervalos',
    intervalCap: 'Número de pagos',
    startDate: 'Fecha de inicio',
    specificDate1: 'Fecha del pago',
    ...contact('billing', 'de facturación'),
    ...contact('shipping', 'de envío'),
    invoiceNumber: 'Número de factura',
    purchaseOrderNumber: 'Número de orden de compra',
    bypassDuplicate: 'Permitir duplicado',
    smartTerminalId: 'Terminal',
    action: 'Acción',
    terms: 'Condiciones',
    text: 'Texto del mensaje',
    buttons: 'Botones',
    type: 'Tipo de dato',
  },
  required: '{field}: este campo es obligatorio.',
  requiredPaymentMethod:
    'Elija cómo paga el cliente: una tarjeta, una cuenta bancaria, un ID de bóveda o un ID de transacción.',
  requiredForPpd: '{field}: es obligatorio para una cuenta bancaria personal (PPD).',
  requiredForCcd: '{field}: es obligatorio para una cuenta bancaria de empresa (CCD).',
  paymentMethodConflict:
    'Use una sola forma de pago: una tarjeta, una cuenta bancaria, un ID de bóveda o un ID de transacción.',
  invalidValue: '{field}: el valor no es válido.',
  tooLong: '{field}: debe tener {max} caracteres o menos.',
  money: '{field}: escríbalo como 12.50, con dígitos y como máximo 2 decimales.',
  moneyPositive: '{field}: debe ser mayor que 0.00.',
  moneyMax: '{field}: no puede ser mayor que 1,000,000.00.',
  positiveInteger: '{field}: debe ser un número entero mayor que 0.',
  date: '{field}: debe ser una fecha real con el formato aaaa-MM-dd, como 2030-01-31.',
  datePast: '{field}: no puede estar en el pasado.',
  option: '{field}: debe ser uno de estos valores: {options}.',
  email: '{field}: debe ser un correo electrónico como nombre@ejemplo.com.',
  boolean: '{field}: debe ser true o false.',
  cardNumber: 'El número de tarjeta no es válido. Revise los dígitos.',
  cardExpMonth: 'El mes de vencimiento debe ser un número del 1 al 12.',
  cardExpYear: 'El año de vencimiento debe tener 4 dígitos, como 2030.',
  cardCvv: 'El CVV debe tener 3 o 4 dígitos.',
  cardExpired: 'La tarjeta está vencida.',
  achRoutingNumber: 'El número de ruta no es un número de ruta bancario de EE. UU. válido.',
  achAccountNumber: 'El número de cuenta debe tener solo dígitos, 17 como máximo.',
  notForCard: '{field}: solo se usa con una cuenta bancaria, no con una tarjeta.',
  notForAch: '{field}: solo se usa con una tarjeta, no con una cuenta bancaria.',
  periodicOnly: '{field}: solo se usa con un calendario recurrente (PERIODIC).',
  specificDatesOnly: '{field}: solo se usa con un calendario de una fecha (SPECIFIC_DATES).',
  requiredSmartTerminal: 'Elija una terminal.',
  requiredButtons: 'Indique al menos un botón.',
  smartTerminalId: 'El identificador de la terminal no es válido.',
  action: 'La acción debe ser CHARGE o REFUND.',
  tipOnTerminal: 'Una Smart Terminal le pide la propina al cliente: use allowTips en lugar de amountTip.',
  buttonsMax: 'Un mensaje puede tener como máximo {max} botones.',
  buttonLabel: 'Cada botón debe tener de 1 a {max} caracteres.',
  inputType: 'El único tipo de dato que ofrece una terminal es PHONE.',
};

/** @deprecated The earlier name of `messagesEs`. */
export const scheduleMessagesEs = messagesEs;
