package dev.pulse.kernel.tx;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Work that must only happen once the change it follows is committed (a mail, a send to the
 * warehouse): run after the commit of the current transaction, or now when there is none. A
 * rolled-back change runs nothing.
 */
public final class AfterCommit {

    private AfterCommit() {}

    /** Runs {@code work} after the current transaction commits, or now outside a transaction. */
    public static void run(Runnable work) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    work.run();
                }
            });
        } else {
            work.run();
        }
    }
}
