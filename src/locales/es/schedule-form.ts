/**
 * Spanish (US) for `<pj-schedule-form>`: its own words. Its labels and validation sentences come
 * from ./messages.ts (the locale's `messages`), its decline words from ./declines.ts: use
 * `setLocale(es)` (src/locales/es.ts), which brings them all.
 */
import type { ScheduleFormStrings } from '../en/schedule-form.js';

export const scheduleFormEs: ScheduleFormStrings = {
  payment: 'Forma de pago',
  card: 'Tarjeta',
  ach: 'Cuenta bancaria (ACH)',
  vault: 'Cuenta guardada (bóveda)',
  transaction: 'Transacción anterior',
  security: 'Verificaciones de la tarjeta',
  schedule: 'Calendario',
  amounts: 'Importe',
  moreAmounts: 'Impuesto, envío, propina',
  billing: 'Contacto de facturación (opcional)',
  shipping: 'Contacto de envío',
  reference: 'Números de factura y de pedido',
  choose: 'Elija…',
  submit: 'Crear calendario de pagos',
  sending: 'Creando el calendario de pagos…',
  invalid: 'Revise {count} campo(s).',
  declined: 'La tarjeta fue rechazada ({code}: {meaning}).',
  duplicate:
    'Ya existe un calendario con esta forma de pago y este importe. Créelo de todos modos solo si el cliente quiere dos.',
  createAnyway: 'Crearlo de todos modos',
  network: 'No se pudo contactar con el servidor de pagos. Revise la conexión e inténtelo de nuevo.',
  created: 'Calendario de pagos creado',
  scheduleId: 'ID del calendario',
  every: 'Cada {count} {unit}',
  total: 'Importe de cada pago',
  paidWith: 'Se paga con',
  next: 'Próximo pago',
  payments: 'Pagos',
  paymentCount: '{count} pago(s)',
  untilCancelled: 'Hasta que se cancele',
  another: 'Crear otro',
  loadingFields: 'Cargando los campos seguros de tarjeta y cuenta bancaria…',
  fieldsUnavailable:
    'No se pudieron cargar los campos de tarjeta y cuenta bancaria. Recargue la página, o elija una cuenta guardada o una transacción anterior.',
  options: {
    PERIODIC: 'Recurrente',
    SPECIFIC_DATES: 'Una fecha',
    DAY: 'día(s)',
    WEEK: 'semana(s)',
    MONTH: 'mes(es)',
    YEAR: 'año(s)',
    SAVINGS: 'Ahorros',
    CHECKING: 'Corriente',
    PPD: 'Personal (PPD)',
    CCD: 'Empresa (CCD)',
    ADDRESS: 'Dirección',
    ZIP: 'Código postal',
    ADDRESS_AND_ZIP: 'Dirección y código postal',
    ADDRESS_OR_ZIP: 'Dirección o código postal',
    BYPASS: 'Omitir',
    ON: 'Activada',
    OFF: 'Desactivada',
  },
};
