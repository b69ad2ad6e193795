package dev.pulse.warehouse.ingest;

import dev.pulse.warehouse.WriteWatermark;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Decides and stores the valid rows of concurrent requests for one stream so that each request
 * counts exactly as if the requests had run one after the other in arrival order.
 *
 * <p>Requests that queued while the stream's lock was busy are taken together as one group: one
 * key lookup, one insert. A group first waits for every earlier group that shares a key with it to
 * finish (committed or failed), then looks its keys up; its insert runs outside the lock, so groups
 * without common keys insert in parallel, as the engine's own clients do. No request returns before
 * the insert holding its rows has committed and the watermark has advanced; if the insert fails,
 * every request of the group fails with it, and a later group sharing keys looks them up afresh.
 */
final class GroupCommit {

    /** Rows per group at most; a request never splits, so a group holds at least one whole request. */
    private static final int MAX_GROUP_ROWS = 200_000;

    private final Deduplicator deduplicator;
    private final RowWriter writer;
    private final WriteWatermark watermark;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

    GroupCommit(Deduplicator deduplicator, RowWriter writer, WriteWatermark watermark) {
        this.deduplicator = deduplicator;
        this.writer = writer;
        this.watermark = watermark;
    }

    /** How one request's rows counted. */
    record Counts(int accepted, int duplicates) {}

    /**
     * Stores the new rows among {@code rows}; returns once they are committed.
     *
     * @param rows valid rows, {@linkplain Deduplicator#prepare prepared}
     * @param encoded the same rows {@linkplain RowWriter#encode encoded}
     */
    Counts commit(StreamSpec spec, List<Row> rows, RowWriter.Encoded encoded) {
        if (rows.isEmpty()) {
            return new Counts(0, 0);
        }
        Lane lane = lanes.computeIfAbsent(spec.path(), path -> new Lane());
        Pending mine = new Pending(rows, encoded);
        // queued before taking the lock, so requests that arrive while it is busy are taken together
        lane.queue.add(mine);
        lane.lock.lock();
        try {
            while (!mine.done) {
                if (mine.group == null) {
                    run(spec, lane, lane.take(spec.keyField()));
                } else {
                    lane.changed.awaitUninterruptibly();
                }
            }
        } finally {
            lane.lock.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        if (mine.counts == null) {
            throw new IllegalStateException("the commit holding this request's rows failed");
        }
        return mine.counts;
    }

    /** Runs with the lane's lock held; releases it while waiting and while inserting. */
    private void run(StreamSpec spec, Lane lane, Group group) {
        try {
            while (lane.conflicts(group)) {
                lane.changed.awaitUninterruptibly();
            }
            List<Row> rows = group.rows();
            Deduplicator.Plan plan = deduplicator.plan(spec, rows);
            if (plan.storesAny()) {
                List<RowWriter.Encoded> parts = group.requests.stream().map(pending -> pending.encoded).toList();
                lane.lock.unlock();
                try {
                    writer.insert(spec.table(), parts, plan.insert());
                    watermark.advance();
                } finally {
                    lane.lock.lock();
                }
            }
            int from = 0;
            for (Pending pending : group.requests) {
                int to = from + pending.rows.size();
                int accepted = plan.accepted(from, to);
                pending.counts = new Counts(accepted, pending.rows.size() - accepted);
                from = to;
            }
        } catch (RuntimeException e) {
            group.requests.forEach(pending -> pending.failure = e);
        } finally {
            group.requests.forEach(pending -> pending.done = true);
            lane.unfinished.remove(group);
            lane.changed.signalAll();
        }
    }

    /** One stream's queued requests, its groups not yet finished, and the lock that guards both. */
    private static final class Lane {
        final ReentrantLock lock = new ReentrantLock();
        final Condition changed = lock.newCondition();
        final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
        final List<Group> unfinished = new ArrayList<>();

        /** The queued requests in arrival order, up to {@link #MAX_GROUP_ROWS} rows but at least one; lock held. */
        Group take(String keyField) {
            Group group = new Group();
            int rows = 0;
            for (Pending next = queue.peek(); next != null; next = queue.peek()) {
                if (!group.requests.isEmpty() && rows + next.rows.size() > MAX_GROUP_ROWS) {
                    break;
                }
                queue.poll();
                next.group = group;
                group.requests.add(next);
                next.rows.forEach(row -> group.keys.add(row.key(keyField)));
                rows += next.rows.size();
            }
            unfinished.add(group);
            return group;
        }

        /** Whether a group taken before {@code group} shares a key with it and has not finished. */
        boolean conflicts(Group group) {
            for (Group earlier : unfinished) {
                if (earlier == group) {
                    return false;
                }
                Set<String> smaller = earlier.keys.size() < group.keys.size() ? earlier.keys : group.keys;
                Set<String> larger = smaller == earlier.keys ? group.keys : earlier.keys;
                for (String key : smaller) {
                    if (larger.contains(key)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** Requests decided and stored together, and the keys of their rows; equal only to itself. */
    private static final class Group {
        final List<Pending> requests = new ArrayList<>();
        final Set<String> keys = new HashSet<>();

        List<Row> rows() {
            if (requests.size() == 1) {
                return requests.getFirst().rows;
            }
            List<Row> rows = new ArrayList<>();
            requests.forEach(pending -> rows.addAll(pending.rows));
            return rows;
        }
    }

    /** A request waiting for its rows to be committed; its mutable fields are used under the lane's lock. */
    private static final class Pending {
        final List<Row> rows;
        final RowWriter.Encoded encoded;
        Group group;
        boolean done;
        Counts counts;
        RuntimeException failure;

        Pending(List<Row> rows, RowWriter.Encoded encoded) {
            this.rows = rows;
            this.encoded = encoded;
        }
    }
}
