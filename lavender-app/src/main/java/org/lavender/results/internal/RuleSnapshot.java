package org.lavender.results.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A rule table read into memory, because it changes rarely but is consulted for every result. A writer calls
 * {@link #changed()} inside its transaction: the snapshot is dropped after the commit, so this node sees the change at
 * once; another node running against the same database sees it when its snapshot expires ({@link #TTL_NANOS}).
 */
final class RuleSnapshot<T> {

    /** How long a snapshot is trusted: the delay for changes made by another node. */
    static final long TTL_NANOS = TimeUnit.SECONDS.toNanos(30);

    private record Loaded<T>(T value, long at) {
    }

    private final Supplier<T> loader;
    private final AtomicLong generation = new AtomicLong();
    private volatile Loaded<T> current;

    RuleSnapshot(Supplier<T> loader) {
        this.loader = loader;
    }

    T get() {
        Loaded<T> snapshot = current;
        if (snapshot != null && System.nanoTime() - snapshot.at() < TTL_NANOS) {
            return snapshot.value();
        }
        // A snapshot read while a change was being committed is used once but not kept.
        long before = generation.get();
        Loaded<T> loaded = new Loaded<>(loader.get(), System.nanoTime());
        if (generation.get() == before) {
            current = loaded;
        }
        return loaded.value();
    }

    /** The table was written in this transaction: drop the snapshot after commit (at once outside one). */
    void changed() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    drop();
                }
            });
        } else {
            drop();
        }
    }

    private void drop() {
        generation.incrementAndGet();
        current = null;
    }
}
