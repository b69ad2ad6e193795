package dev.pulse.warehouse.ingest;

import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.WriteWatermark;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Decides and stores the valid rows of concurrent requests for one stream so that each request
 * counts exactly as if the requests had run one after the other in arrival order.
 *
 * <p>Deciding runs one group at a time per stream, under the stream's lock: a key lookup, then the
 * group's keys are recorded as in flight. Storing runs outside the lock, up to {@link #INSERTS_IN_FLIGHT}
 * inserts per stream at once. A group of fewer than {@link #GROUP_TARGET_ROWS} rows first waits,
 * briefly, for the requests of its stream that are still being read ({@link #arriving}). A group that
 * shares a key with an insert in flight waits for that insert to commit or fail before it looks its keys up, so it never counts a row of a failed insert
 * as stored, nor a committed one as new. Requests that arrive while the planner waits, for a key or for
 * a free insert, queue up and are taken together by the next group, so under load the engine gets few
 * large inserts instead of many small ones: a large insert costs the engine less CPU per row than
 * several small ones, because each insert writes its own parts and each part is merged later; and
 * two inserts in flight keep the second core busy while the next group is parsed (figures in
 * warehouse/INGESTION.md).
 *
 * <p>No request returns before the insert holding its rows has committed and the watermark has
 * advanced; if the insert fails, every request of its group fails with it, and a later group looks
 * their keys up afresh.
 */
final class GroupCommit {

    /** Rows per group at most; a request never splits, so a group holds at least one whole request. */
    private static final int MAX_GROUP_ROWS = 200_000;

    /** Inserts of one stream running at once: two keep both cores of a small machine busy. */
    static final int INSERTS_IN_FLIGHT = 2;

    /**
     * A group smaller than this waits for requests of its stream that are being read, for at most
     * {@link #LINGER}: the engine's CPU per row falls with the size of an insert up to about this
     * (figures in warehouse/INGESTION.md).
     */
    static final int GROUP_TARGET_ROWS = 20_000;

    /** How long a group waits at most for requests being read: about the parse of 5 000 rows on a busy machine. */
    static final Duration LINGER = Duration.ofMillis(50);

    private final ClickHouseEngine engine;
    private final Deduplicator deduplicator;
    private final RowWriter writer;
    private final WriteWatermark watermark;
    private final long lingerNanos;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

    /** @param linger how long a group under {@link #GROUP_TARGET_ROWS} rows waits at most for requests being read */
    GroupCommit(ClickHouseEngine engine, WriteWatermark watermark, Duration linger) {
        this.engine = engine;
        this.lingerNanos = linger.toNanos();
        this.deduplicator = new Deduplicator(engine);
        this.writer = new RowWriter(engine);
        this.watermark = watermark;
    }

    /** How one request's rows counted. */
    record Counts(int accepted, int duplicates) {}

    /**
     * Announces a request of {@code spec}'s stream that is being read and will commit soon, so that a
     * group being planned may wait for it; close it when the request gives up before committing.
     */
    Arrival arriving(StreamSpec spec) {
        Lane lane = lane(spec);
        lane.arriving.incrementAndGet();
        return new Arrival(lane);
    }

    /** A request on its way to {@link #commit}; closing it more than once is harmless. */
    static final class Arrival implements AutoCloseable {
        private final Lane lane;
        private boolean gone;

        private Arrival(Lane lane) {
            this.lane = lane;
        }

        @Override
        public void close() {
            if (!gone) {
                gone = true;
                lane.arriving.decrementAndGet();
            }
        }
    }

    private Lane lane(StreamSpec spec) {
        return lanes.computeIfAbsent(
                spec.path(),
                path -> new Lane(
                        spec.keying() == StreamSpec.Keying.EVENT && engine.soleWriter()
                                ? new StoredKeys(engine, spec.table(), spec.keyField())
                                : null));
    }

    /**
     * Stores the new rows among {@code rows}; returns once they are committed.
     *
     * @param rows valid rows, {@linkplain Deduplicator#prepare prepared}, or {@linkplain Deduplicator#keysOf their keys}
     * @param encoded the same rows {@linkplain RowWriter#encode encoded}
     * @param arrival this request's announcement, if it made one (closed here)
     */
    Counts commit(StreamSpec spec, List<Row> rows, RowWriter.Encoded encoded, Arrival arrival) {
        if (rows.isEmpty()) {
            if (arrival != null) {
                arrival.close();
            }
            return new Counts(0, 0);
        }
        Lane lane = lane(spec);
        Pending mine = new Pending(rows, encoded);
        // queued before taking the lock, so the thread that holds it may take this request too
        lane.queue.add(mine);
        if (arrival != null) {
            arrival.close();
        }
        Flight flight = null;
        try {
            lane.lock.lockInterruptibly();
        } catch (InterruptedException e) {
            return giveUp(lane, mine, e);
        }
        try {
            if (!mine.taken()) {
                // holding the lock while waiting for a free insert lets the requests behind us pile up
                lane.inserts.acquire();
                flight = plan(spec, lane);
            }
        } catch (InterruptedException e) {
            giveUp(lane, mine, e); // no group takes it while we hold the lock: this throws
        } finally {
            lane.lock.unlock();
        }
        if (flight != null) {
            store(spec, lane, flight);
        }
        return mine.await();
    }

    /**
     * An interrupted request leaves the queue when no group took it yet, and fails; a taken one waits
     * for its group's answer, since its rows are on their way into the engine and the answer must say
     * whether they got there.
     */
    private static Counts giveUp(Lane lane, Pending mine, InterruptedException e) {
        Thread.currentThread().interrupt();
        if (mine.cancel()) {
            lane.queue.remove(mine);
            throw new IllegalStateException(
                    "interrupted while waiting to store the batch; nothing of it was stored", e);
        }
        return mine.await();
    }

    /**
     * Takes the queued requests (ours among them), waits for inserts in flight that hold any of their
     * keys, looks the keys up and records them as in flight. Runs with the lane's lock and one of its
     * inserts held; on failure the requests taken fail and the insert is given back.
     */
    private Flight plan(StreamSpec spec, Lane lane) {
        List<Pending> group = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        try {
            // requests being read right now will be here within a parse: one insert for all is cheaper
            long until = System.nanoTime() + lingerNanos;
            int rows = 0;
            while (true) {
                // read before taking: a request counted out of arriving has been queued, so this take gets it
                int stillReading = lane.arriving.get();
                rows = lane.take(group, keys, spec.keyField(), rows);
                if (stillReading == 0 || rows >= GROUP_TARGET_ROWS || System.nanoTime() - until >= 0) {
                    break;
                }
                LockSupport.parkNanos(200_000);
            }
            for (Flight busy = lane.sharing(keys); busy != null; busy = lane.sharing(keys)) {
                busy.done.await();
                rows = lane.take(group, keys, spec.keyField(), rows);
            }
            if (lane.stored != null && lane.stored.wanted()) {
                // a filter starts with no insert in flight: each one either is in the table it reads or adds to it
                for (Flight busy : lane.flights) {
                    busy.done.await();
                }
                lane.stored.startBuilding();
            }
            List<Row> all = rows(group);
            Deduplicator.Plan plan = deduplicator.plan(spec, all, lane.stored == null ? null : lane.stored.complete());
            if (lane.stored != null) {
                List<String> inserting = new ArrayList<>();
                for (int i = 0; i < all.size(); i++) {
                    if (plan.insert()[i]) {
                        inserting.add(all.get(i).key(spec.keyField()));
                    }
                }
                lane.stored.adding(inserting);
            }
            Flight flight = new Flight(group, plan, keys);
            lane.flights.add(flight);
            return flight;
        } catch (Throwable e) {
            // any Throwable, Errors included: the insert is given back and no request of the group waits forever
            lane.inserts.release();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            RuntimeException failure = failure(e, "interrupted while waiting for an insert of the same keys");
            group.forEach(pending -> pending.finish(null, failure));
            if (e instanceof Error error) {
                throw error;
            }
            return null;
        }
    }

    /** What the requests of a failed group are told: the failure itself, or a runtime exception wrapping it. */
    private static RuntimeException failure(Throwable e, String checked) {
        return switch (e) {
            case RuntimeException runtime -> runtime;
            case Error error -> new IllegalStateException("the batch was not stored: " + error, error);
            default -> new IllegalStateException(checked, e);
        };
    }

    /** Inserts a planned group outside the lock and tells its requests how they counted. */
    private void store(StreamSpec spec, Lane lane, Flight flight) {
        Throwable thrown = null;
        try {
            if (flight.plan.storesAny()) {
                writer.insert(
                        spec.table(),
                        flight.group.stream().map(pending -> pending.encoded).toList(),
                        flight.plan.insert());
                watermark.advance();
            }
        } catch (Throwable e) {
            // Errors too: the permit, the flight and every waiting request must hear how it ended
            thrown = e;
        } finally {
            lane.flights.remove(flight);
            flight.done.countDown();
            lane.inserts.release();
        }
        RuntimeException failure = thrown == null ? null : failure(thrown, "the insert failed");
        int from = 0;
        for (Pending pending : flight.group) {
            int to = from + pending.rows.size();
            int accepted = flight.plan.accepted(from, to);
            pending.finish(failure == null ? new Counts(accepted, pending.rows.size() - accepted) : null, failure);
            from = to;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
    }

    /** Inserts of stream {@code path} that may start now: {@link #INSERTS_IN_FLIGHT} when none runs. */
    int freeInserts(String path) {
        Lane lane = lanes.get(path);
        return lane == null ? INSERTS_IN_FLIGHT : lane.inserts.availablePermits();
    }

    /** Requests of stream {@code path} queued, announced or in flight: zero when it is idle. */
    int busy(String path) {
        Lane lane = lanes.get(path);
        return lane == null ? 0 : lane.queue.size() + lane.arriving.get() + lane.flights.size();
    }

    private static List<Row> rows(List<Pending> group) {
        if (group.size() == 1) {
            return group.getFirst().rows;
        }
        List<Row> rows = new ArrayList<>();
        group.forEach(pending -> rows.addAll(pending.rows));
        return rows;
    }

    /** One stream's queued requests, the lock that lets one group be planned at a time, and its inserts. */
    private static final class Lane {
        final ReentrantLock lock = new ReentrantLock();
        /** What the stream's table holds, when this process may remember it; else null. */
        final StoredKeys stored;

        final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
        final Semaphore inserts = new Semaphore(INSERTS_IN_FLIGHT);
        final List<Flight> flights = new CopyOnWriteArrayList<>();
        /** Requests announced and not yet queued: being read and validated. */
        final AtomicInteger arriving = new AtomicInteger();

        Lane(StoredKeys stored) {
            this.stored = stored;
        }

        /**
         * Moves queued requests, in arrival order, into {@code group} while it stays within
         * {@link #MAX_GROUP_ROWS} rows (an empty group takes at least one) and adds their keys;
         * returns the group's rows. Lock held.
         */
        int take(List<Pending> group, Set<String> keys, String keyField, int rows) {
            for (Pending next = queue.peek(); next != null; next = queue.peek()) {
                if (!group.isEmpty() && rows + next.rows.size() > MAX_GROUP_ROWS) {
                    break;
                }
                queue.poll();
                if (!next.take()) {
                    continue; // its request was interrupted and left
                }
                group.add(next);
                next.rows.forEach(row -> keys.add(row.key(keyField)));
                rows += next.rows.size();
            }
            return rows;
        }

        /** An insert in flight that holds one of {@code keys}, or null. */
        Flight sharing(Set<String> keys) {
            for (Flight flight : flights) {
                Set<String> smaller = flight.keys.size() < keys.size() ? flight.keys : keys;
                Set<String> larger = smaller == keys ? flight.keys : keys;
                for (String key : smaller) {
                    if (larger.contains(key)) {
                        return flight;
                    }
                }
            }
            return null;
        }
    }

    /** A planned group on its way into the engine. */
    private record Flight(List<Pending> group, Deduplicator.Plan plan, Set<String> keys, CountDownLatch done) {

        Flight(List<Pending> group, Deduplicator.Plan plan, Set<String> keys) {
            this(group, plan, keys, new CountDownLatch(1));
        }
    }

    /** A request waiting for its rows to be committed. */
    private static final class Pending {
        final List<Row> rows;
        final RowWriter.Encoded encoded;
        final CountDownLatch done = new CountDownLatch(1);
        /** Set once: by the group that takes this request, or by the request when it gives up first. */
        private final AtomicBoolean decided = new AtomicBoolean();

        private volatile boolean cancelled;
        private Counts counts;
        private RuntimeException failure;

        Pending(List<Row> rows, RowWriter.Encoded encoded) {
            this.rows = rows;
            this.encoded = encoded;
        }

        /** Whether a group took this request; one that gave up was not taken. */
        boolean taken() {
            return decided.get() && !cancelled;
        }

        /** A group takes this request; false when its request gave up first. */
        boolean take() {
            return decided.compareAndSet(false, true);
        }

        /** The request gives up its place; false when a group took it first. */
        boolean cancel() {
            if (decided.compareAndSet(false, true)) {
                cancelled = true;
                return true;
            }
            return false;
        }

        void finish(Counts counts, RuntimeException failure) {
            this.counts = counts;
            this.failure = failure;
            done.countDown();
        }

        Counts await() {
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    // the rows are on their way into the engine: the answer must say whether they got there
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                throw failure;
            }
            return counts;
        }
    }
}
