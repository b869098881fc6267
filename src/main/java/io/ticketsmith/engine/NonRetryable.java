package io.ticketsmith.engine;

/**
 * Marks a failure that repeating cannot fix (wrong credentials, missing rights): a job failing with it becomes
 * an incident for operators at once, instead of running through its retry cycle.
 */
public interface NonRetryable {
}
