/**
 * Spanish for `<pj-tx-status>`. Its response codes are worded by the shared catalogue
 * (./declines.ts): use `setLocale(es)` (src/locales/es.ts), which brings both.
 */
import type { TxStatusStrings } from '../en/tx-status.js';

export const txStatusEs: TxStatusStrings = {
  loading: 'Cargando la transacción…',
  connecting: 'Conectando con la terminal…',
  waitingForCard: 'Esperando la tarjeta…',
  processing: 'Procesando…',
  elapsed: '{time} transcurrido',
  approved: 'Aprobado',
  declined: 'Rechazado',
  voided: 'Anulado',
  refunded: 'Reembolsado',
  pending: 'En curso',
  cancelled: 'Cancelado',
  busy: 'Terminal ocupada',
  noConnection: 'Sin conexión',
  timedOut: 'Tiempo agotado',
  error: 'Error',
  completed: 'Completado',
  inDoubt: 'En duda',
  cancelledMessage: 'No se cobró nada.',
  busyMessage: 'La terminal está ocupada. Vuelva a intentarlo cuando se libere.',
  noConnectionMessage:
    'La terminal está desconectada. Compruebe que esté encendida y conectada, y vuelva a intentarlo.',
  timedOutMessage: 'La terminal dejó de responder y volvió a su pantalla principal. Revísela antes de cobrar de nuevo.',
  errorMessage: 'Algo salió mal. Revise la terminal antes de volver a intentarlo.',
  completedMessage: 'La terminal respondió.',
  inDoubtMessage:
    'No pudimos confirmar si este pago se realizó. Mire la terminal y revise la última transacción antes de cobrar de nuevo.',
  checking: 'Comprobando si la terminal recibió este pago…',
  checkTransaction: 'Consulte la transacción {id} antes de volver a intentarlo.',
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
  notFound: 'No se encontró la transacción.',
  requestNotFound: 'No se encontró la solicitud.',
  network: 'No se pudo contactar con el servidor de pagos. Revise la conexión y vuelva a intentarlo.',
  loadFailed: 'No se pudo cargar la transacción.',
  retry: 'Reintentar',
  resultAnnouncement: '{status}: {amount}',
};
