/**
 * Spanish (US) words for every response code of src/protocol/declines.ts (DECLINE_CODES): what it
 * means (PayJunction's English message, in Spanish) and what the cashier should do. Every element
 * reads it through the locale's `declines` (src/locales/declines.ts, declineWords).
 */
import type { DeclineCatalogue, DeclineText } from '../declines.js';

const OTRA = 'Pida otra tarjeta.';
const entry = (meaning: string, guidance: string): DeclineText => ({ meaning, guidance });

export const declinesEs: DeclineCatalogue = {
  codes: {
    '00': entry('Aprobada', 'Aprobado. No hay nada más que hacer.'),
    '85': entry('Aprobada', 'Aprobado (un código de aprobación antiguo). No hay nada más que hacer.'),
    '01': entry(
      'Rechazada: llamar al banco emisor',
      `El banco de la tarjeta pide que el titular lo llame (número al reverso de la tarjeta). ${OTRA}`,
    ),
    '04': entry(
      'Rechazada: retener la tarjeta',
      `El banco indica que esta tarjeta no debe usarse. No la vuelva a pasar. ${OTRA}`,
    ),
    '05': entry(
      'Rechazada: no autorizar',
      `El banco rechazó el pago sin dar motivo. No la vuelva a pasar hoy. ${OTRA}`,
    ),
    '10': entry(
      'Aprobación parcial',
      'El banco solo aprobaría parte del importe y no se admiten aprobaciones parciales. Pida otra tarjeta o un importe menor.',
    ),
    '12': entry(
      'Rechazada: transacción no válida',
      `El banco no permite este tipo de transacción con esta tarjeta. ${OTRA}`,
    ),
    '13': entry(
      'Rechazada: importe no válido',
      'El banco rechazó el importe. Revise el importe y vuelva a intentarlo.',
    ),
    '14': entry(
      'Rechazada: número de tarjeta no válido',
      'El número de tarjeta es incorrecto. Revise el número y vuelva a intentarlo.',
    ),
    '15': entry(
      'Rechazada: no existe el banco emisor',
      'Ningún banco corresponde a este número de tarjeta. Revise el número o pida otra tarjeta.',
    ),
    '19': entry('Rechazada: volver a introducir', 'El banco pide repetir el pago. Inténtelo una vez más.'),
    '51': entry('Rechazada: fondos insuficientes', 'Fondos insuficientes. Pida otra tarjeta o un importe menor.'),
    '54': entry(
      'Rechazada: tarjeta vencida',
      'La tarjeta está vencida. Revise la fecha de vencimiento o pida otra tarjeta.',
    ),
    '55': entry('PIN incorrecto del titular', 'PIN incorrecto. Pida al titular que vuelva a introducir el PIN.'),
    '57': entry(
      'Rechazada: servicio no permitido',
      `El banco no permite esta tarjeta para este tipo de compra. ${OTRA}`,
    ),
    '61': entry(
      'Rechazada: supera el límite de gasto',
      'La tarjeta superó su límite de gasto. Pida otra tarjeta o un importe menor.',
    ),
    '62': entry(
      'Rechazada: tipo de negocio restringido',
      `El banco no permite esta tarjeta en este tipo de negocio. ${OTRA}`,
    ),
    '63': entry('Rechazada: tarjeta restringida', `El banco restringió esta tarjeta. ${OTRA}`),
    '65': entry(
      'Rechazada: supera el límite de uso',
      'La tarjeta se usó demasiadas veces. Pida otra tarjeta o vuelva a intentarlo mañana.',
    ),
    '75': entry(
      'Rechazada: demasiados intentos de PIN',
      `Demasiados intentos de PIN incorrectos; la tarjeta está bloqueada para usar PIN. ${OTRA}`,
    ),
    '78': entry('Rechazada: no hay cuenta', `El banco no tiene ninguna cuenta para esta tarjeta. ${OTRA}`),
    '91': entry(
      'Rechazada: sin respuesta del banco',
      'El banco no respondió a tiempo. Vuelva a intentarlo en un momento.',
    ),
    '97': entry(
      'Rechazada: el CVV no coincide',
      'El CVV (3 o 4 dígitos de la tarjeta) no coincide. Revíselo y vuelva a intentarlo.',
    ),
    AA: entry(
      'Rechazada: la dirección no coincide (AVS)',
      'La dirección de facturación no coincide con la del banco. Revise la dirección y vuelva a intentarlo.',
    ),
    AI: entry(
      'Rechazada: sin verificación de dirección (AVS) internacional',
      `No se puede verificar la dirección de esta tarjeta internacional y la configuración de la cuenta lo exige. ${OTRA}`,
    ),
    AN: entry(
      'Rechazada: sin verificación de dirección (AVS)',
      `El banco de la tarjeta no puede verificar direcciones y la configuración de la cuenta lo exige. ${OTRA}`,
    ),
    AU: entry(
      'Rechazada: verificación de dirección (AVS) no disponible',
      'La verificación de dirección no está disponible ahora y la cuenta la exige. Vuelva a intentarlo más tarde o use otra tarjeta.',
    ),
    DT: entry(
      'Rechazada: transacción duplicada',
      'Hace unos minutos se cobró un pago igual (misma tarjeta, importe y número de factura), así que este se rechazó como duplicado. Revise ese pago antes de cobrar de nuevo: lo más probable es que el cliente ya haya pagado.',
    ),
  },
  approval: entry('Aprobada', 'Aprobado. No hay nada más que hacer.'),
  gateway: entry(
    'Rechazada',
    'PayJunction rechazó el pago, a menudo por la configuración de seguridad de la cuenta. No lo reintente; revise la transacción en PayJunction o pida otra tarjeta.',
  ),
  issuer: entry('Rechazada', `El banco de la tarjeta rechazó el pago. ${OTRA}`),
};
