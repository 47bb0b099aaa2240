/** Spanish (US) for the payment fields frame and the page's side of it (see ../en/fields.ts). */
import type { FieldsStrings } from '../en/fields.js';

export const fieldsEs: FieldsStrings = {
  title: 'Datos de pago',
  expiry: 'Fecha de vencimiento',
  checking: 'Corriente',
  savings: 'Ahorros',
  brand: 'Marca de la tarjeta: {brand}',
  fixFields: 'Revise los datos de pago: {count} campo(s) requieren atención.',
  tokenFailed: 'No se pudo verificar la tarjeta con el procesador de pagos. Inténtelo de nuevo en un momento.',
  achFailed: 'No se pudo guardar la cuenta bancaria. Inténtelo de nuevo en un momento.',
  frameTitle: 'Datos de la tarjeta o de la cuenta bancaria',
  sameOrigin:
    'Los campos de pago deben venir de otro origen (PJ_FIELDS_ORIGIN) distinto del de esta página ({origin}), para que esta página nunca tenga números de tarjeta ni de cuenta.',
};
