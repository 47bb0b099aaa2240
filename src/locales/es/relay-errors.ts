/**
 * Spanish (US) for the relay's errors, by the codes of its HTTP contract (README, "The relay's HTTP
 * API") and of a request that ended in error: a Spanish page shows these instead of the relay's
 * English message (src/locales/relay-errors.ts).
 */
import type { RelayErrorWords } from '../relay-errors.js';

const UNREADABLE = 'El servidor de pagos no pudo leer la solicitud. Vuelva a intentarlo.';
const KEY = 'El pago se envió sin una clave válida. Vuelva a intentarlo.';

export const relayErrorsEs: RelayErrorWords = {
  network: 'No se pudo contactar con el servidor de pagos. Revise la conexión y vuelva a intentarlo.',
  unauthorized: 'Inicie sesión para usar los pagos.',
  origin_not_allowed: 'Esta página no tiene permiso para usar el servidor de pagos.',
  host_not_allowed: 'Esta página no tiene permiso para usar el servidor de pagos.',
  rate_limited: 'Demasiadas solicitudes. Espere un momento y vuelva a intentarlo.',
  body_too_large: 'La solicitud es demasiado grande.',
  bad_request: UNREADABLE,
  invalid_json: UNREADABLE,
  unsupported_media_type: UNREADABLE,
  invalid_request: 'Algunos datos no son válidos. Revíselos y vuelva a intentarlo.',
  idempotency_key_required: KEY,
  invalid_idempotency_key: KEY,
  idempotency_conflict: 'Este intento de pago ya se usó con otros datos. Inicie un cobro nuevo.',
  idempotency_in_progress: 'El mismo pago todavía se está enviando. Espere un momento y vuelva a intentarlo.',
  not_found: 'No se encontró lo que se buscaba.',
  unknown_terminal: 'No se encontró esa terminal en esta cuenta.',
  not_live: 'Esta solicitud ya no es la que está en la terminal, así que no se envió nada a la terminal.',
  request_expired: 'Esa solicitud es demasiado antigua para mostrarse.',
  request_lost:
    'El servidor de pagos perdió el registro de este pago. Mire la terminal y revise la última transacción antes de cobrar de nuevo.',
  conflict: 'PayJunction informa de un conflicto con esta solicitud.',
  upstream_busy: 'PayJunction está ocupado ahora. Vuelva a intentarlo en unos segundos.',
  upstream_unavailable:
    'No se pudo contactar con PayJunction. Si era un pago, revise la terminal antes de volver a intentarlo.',
  upstream_auth:
    'PayJunction rechazó las credenciales del servidor de pagos. El comercio debe revisar su configuración.',
  upstream_forbidden: 'PayJunction no permitió esta solicitud.',
  no_merchant_account: 'Esta cuenta de PayJunction no tiene ninguna cuenta habilitada para este tipo de pago.',
  preauth_declined: 'La tarjeta fue rechazada.',
  duplicate_schedule: 'Ya existe un calendario con esta forma de pago y este importe.',
  token_expired_or_used:
    'Los datos de la tarjeta caducaron o ya se usaron. Vuelva a enviar el formulario; si el error continúa, escriba la tarjeta de nuevo.',
  raw_payment_numbers:
    'Los números de tarjeta y de cuenta deben escribirse en los campos seguros de pago, no en esta página.',
  fields_expired: 'Los campos de pago caducaron. Recargue la página y escriba de nuevo la cuenta bancaria.',
  fields_unavailable: 'Los campos de tarjeta y cuenta bancaria no están disponibles ahora.',
  internal: 'Algo salió mal en el servidor de pagos. Vuelva a intentarlo.',
  timeout: 'La terminal no terminó a tiempo y volvió a su pantalla principal. Revísela antes de volver a intentarlo.',
  in_doubt:
    'No pudimos confirmar si la terminal recibió este pago. Mire la terminal y revise la última transacción antes de cobrar de nuevo.',
  transaction_unknown:
    'La terminal hizo una transacción, pero no se pudo leer su resultado. Consúltela antes de volver a intentarlo.',
  other: 'El servidor de pagos no pudo completar la solicitud. Vuelva a intentarlo.',
};
