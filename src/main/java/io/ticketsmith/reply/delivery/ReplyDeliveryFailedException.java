package io.ticketsmith.reply.delivery;

/**
 * A reply that could not be delivered for a reason another attempt may not have (the SMTP server cannot be reached,
 * times out, refuses for now): the job is retried per its retry cycle and ends as an incident for operators.
 */
class ReplyDeliveryFailedException extends RuntimeException {

    ReplyDeliveryFailedException(String message) {
        // No cause: mail exceptions name the addresses, and this message ends up in the incident and the log.
        super(message, null, false, true);
    }
}
