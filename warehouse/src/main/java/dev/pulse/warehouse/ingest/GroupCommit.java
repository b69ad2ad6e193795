package dev.pulse.warehouse.ingest;

import dev.pulse.warehouse.WriteWatermark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Stores the valid rows of concurrent requests for one stream with one key lookup and one insert:
 * requests that arrive while a commit runs wait for it, and the first of them to get the stream's
 * lock then commits all of them together.
 *
 * <p>The rows are planned in arrival order, so within the group the first request to carry a record
 * counts it as accepted and later ones count it as a duplicate, exactly as if they had run one after
 * the other. No request returns before the insert holding its rows has committed and the watermark
 * has advanced; if the insert fails, every request of the group fails with it.
 */
final class GroupCommit {

    /** Rows per commit at most; a request never splits, so a commit holds at least one whole request. */
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
        lane.queue.add(mine);
        lane.lock.lock();
        try {
            // whoever held the lock may have committed this request already; its fields were
            // written under the lock, so they are visible here
            while (!mine.done) {
                run(spec, lane.take());
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

    private void run(StreamSpec spec, List<Pending> group) {
        List<Row> rows = group.size() == 1 ? group.getFirst().rows : new ArrayList<>();
        if (group.size() > 1) {
            group.forEach(pending -> rows.addAll(pending.rows));
        }
        try {
            Deduplicator.Plan plan = deduplicator.plan(spec, rows);
            if (plan.storesAny()) {
                writer.insert(spec.table(), group.stream().map(pending -> pending.encoded).toList(), plan.insert());
                watermark.advance();
            }
            int from = 0;
            for (Pending pending : group) {
                int to = from + pending.rows.size();
                int accepted = plan.accepted(from, to);
                pending.counts = new Counts(accepted, pending.rows.size() - accepted);
                from = to;
            }
        } catch (RuntimeException e) {
            group.forEach(pending -> pending.failure = e);
        } finally {
            group.forEach(pending -> pending.done = true);
        }
    }

    /** One stream's waiting requests and the lock its commits take. */
    private static final class Lane {
        final ReentrantLock lock = new ReentrantLock();
        final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();

        /** The waiting requests in arrival order, up to {@link #MAX_GROUP_ROWS} rows but at least one. */
        List<Pending> take() {
            List<Pending> group = new ArrayList<>();
            int rows = 0;
            for (Pending next = queue.peek(); next != null; next = queue.peek()) {
                if (!group.isEmpty() && rows + next.rows.size() > MAX_GROUP_ROWS) {
                    break;
                }
                group.add(queue.poll());
                rows += next.rows.size();
            }
            return group;
        }
    }

    /** A request waiting for its rows to be committed; written and read under the lane's lock. */
    private static final class Pending {
        final List<Row> rows;
        final RowWriter.Encoded encoded;
        boolean done;
        Counts counts;
        RuntimeException failure;

        Pending(List<Row> rows, RowWriter.Encoded encoded) {
            this.rows = rows;
            this.encoded = encoded;
        }
    }
}
