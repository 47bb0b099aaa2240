/**
 * Spanish for `<pj-tx-status>`. Its states are worded by the shared `requestStates`
 * (./request-states.ts) and its response codes by the shared catalogue (./declines.ts): use
 * `setLocale(es)` (src/locales/es.ts), which brings all three.
 */
import type { TxStatusStrings } from '../en/tx-status.js';

export const txStatusEs: TxStatusStrings = {
  loading: 'Cargando la transacción…',
  pending: 'En curso',
  card: '{type} terminada en {last4}',
  cardUnknownType: 'Tarjeta',
  base: 'Importe',
  tip: 'Propina',
  tax: 'Impuesto',
  shipping: 'Envío',
  surcharge: 'Recargo',
  approvalCode: 'Código de aprobación',
  responseCode: 'Código de respuesta',
  date: 'Fecha',
  transaction: 'Transacción',
  invalidId: 'Un número de transacción tiene solo dígitos, como 10010. Revise el número.',
  notFound: 'No se encontró la transacción {id}.',
  network:
    'No se pudo consultar la transacción {id}: no se pudo contactar con el servidor de pagos. Revise la conexión y vuelva a intentarlo.',
  loadFailed: 'No se pudo cargar la transacción {id}. Vuelva a intentarlo en un momento.',
  retry: 'Reintentar',
};
