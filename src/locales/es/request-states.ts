/** Spanish for the states every element shows (`requestStates`): every string, in the words a cashier uses. */
import type { RequestStateStrings } from '../en/request-states.js';

export const requestStatesEs: RequestStateStrings = {
  connecting: 'Conectando con la terminal…',
  waiting: 'Pida al cliente que acerque, inserte o deslice su tarjeta',
  waitingRefund: 'Pida al cliente que acerque, inserte o deslice su tarjeta para el reembolso',
  processing: 'Procesando la tarjeta…',
  checking: 'Comprobando si la terminal recibió este pago…',
  checkingRequest: 'Comprobando si la terminal recibió esta solicitud…',
  elapsed: 'Tiempo {time}',
  result: '{status}: {amount}',
  approved: 'Aprobado',
  refunded: 'Reembolsado',
  declined: 'Rechazado',
  voided: 'Anulado',
  cancelled: 'Cancelado',
  cancelledMessage: 'No se cobró nada.',
  cancelledRefundMessage: 'No se hizo ningún reembolso.',
  cancelledRequestMessage: 'La terminal volvió a su pantalla principal.',
  busy: 'Terminal ocupada',
  busyMessage: 'La terminal está ocupada con otra cosa. Termínela o ciérrela en la terminal y vuelva a intentarlo.',
  noConnection: 'Terminal desconectada',
  noConnectionMessage:
    'No se pudo contactar con la terminal, así que, hasta donde sabemos, no se movió dinero. Compruebe que esté encendida y conectada a internet antes de volver a intentarlo.',
  noConnectionRequestMessage:
    'No se pudo contactar con la terminal. Compruebe que esté encendida y conectada a internet y vuelva a pedirlo.',
  timeout: 'Tiempo agotado',
  timeoutMessage:
    'La terminal dejó de responder y volvió a su pantalla principal. Revise la terminal antes de volver a intentarlo.',
  inDoubt: 'En duda',
  inDoubtMessage:
    'No pudimos confirmar si este pago se realizó. Mire la terminal y revise la última transacción antes de cobrar de nuevo.',
  inDoubtRequestMessage:
    'No pudimos confirmar que la terminal recibiera esta solicitud. Mire la terminal y vuelva a pedirlo.',
  error: 'Algo salió mal',
  errorMessage: 'Revise la terminal antes de volver a intentarlo.',
  completed: 'Completado',
  completedMessage: 'La terminal respondió.',
  lost: 'No encontrada',
  lostMessage:
    'La solicitud {id} ya no se encuentra. Mire la terminal y revise la última transacción en PayJunction antes de cobrar de nuevo.',
  lostRequestMessage: 'La solicitud {id} ya no se encuentra. Mire la terminal y vuelva a pedirlo.',
};
