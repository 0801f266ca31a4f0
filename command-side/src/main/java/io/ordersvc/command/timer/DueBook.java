package io.ordersvc.command.timer;

import io.ordersvc.shared.order.TimerType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static io.ordersvc.shared.order.TimerType.AUTO_CONFIRM;

/**
 * The open timers of the orders one event batch touches: loaded once, changed in memory by the batch's events,
 * written as the difference at commit. Pure: no database, no clock.
 */
final class DueBook {

    record Key(String orderId, TimerType type) {
    }

    /** What the batch wrote: rows to insert, to update and to delete. */
    record Changes(List<Due> inserts, List<Due> updates, List<Key> deletes) {

        boolean isEmpty() {
            return inserts.isEmpty() && updates.isEmpty() && deletes.isEmpty();
        }
    }

    private final Function<Collection<String>, List<Due>> load;
    private final Set<String> known = new HashSet<>();
    private final Map<Key, Due> stored = new HashMap<>();
    private final Map<Key, Due> current = new LinkedHashMap<>();

    /** @param load the stored rows of the given orders */
    DueBook(Function<Collection<String>, List<Due>> load) {
        this.load = load;
    }

    /** Loads the rows of these orders in one go (the orders the batch names). */
    void prefetch(Collection<String> orderIds) {
        List<String> missing = orderIds.stream().filter(id -> !known.contains(id)).distinct().toList();
        if (!missing.isEmpty()) {
            known.addAll(missing);
            for (Due due : load.apply(missing)) {
                Key key = new Key(due.orderId(), due.type());
                stored.put(key, due);
                current.put(key, due);
            }
        }
    }

    /** A new order: it has no rows yet, nothing to load. */
    void placed(String orderId, Instant payableUntil) {
        known.add(orderId);
        put(new Due(orderId, TimerType.PAYMENT_TIMEOUT, payableUntil, 0));
    }

    Due get(String orderId, TimerType type) {
        prefetch(List.of(orderId));
        return current.get(new Key(orderId, type));
    }

    /** The timer is due then; holds stay as they are. */
    void due(String orderId, TimerType type, Instant at) {
        Due row = get(orderId, type);
        put(row == null ? new Due(orderId, type, at, 0) : row.withDueAt(at));
    }

    void remove(String orderId, TimerType type) {
        prefetch(List.of(orderId));
        current.remove(new Key(orderId, type));
    }

    void removeAll(String orderId) {
        prefetch(List.of(orderId));
        for (TimerType type : TimerType.values()) {
            current.remove(new Key(orderId, type));
        }
    }

    /** A refund opened: the automatic receipt waits, even one not scheduled yet (the order is not shipped). */
    void hold(String orderId) {
        Due row = get(orderId, AUTO_CONFIRM);
        put(row == null ? new Due(orderId, AUTO_CONFIRM, null, 1)
                : new Due(orderId, AUTO_CONFIRM, row.dueAt(), row.holds() + 1));
    }

    /**
     * A refund closed. The order states when its automatic receipt resumes ({@code resumesAt}), and that wins. An
     * event stored before the order said so carries null: then the last hold released resumes the receipt at its
     * date, or when the refund closed if that date has passed, as the order would have said.
     */
    void release(String orderId, Instant resumesAt, Instant closedAt) {
        Due row = get(orderId, AUTO_CONFIRM);
        if (resumesAt != null) {
            put(new Due(orderId, AUTO_CONFIRM, resumesAt, 0));
            return;
        }
        if (row == null) {
            return;
        }
        int holds = Math.max(row.holds() - 1, 0);
        Instant due = row.dueAt();
        if (holds == 0 && due != null && due.isBefore(closedAt)) {
            due = closedAt;
        }
        if (due == null && holds == 0) {
            remove(orderId, AUTO_CONFIRM);
        } else {
            put(new Due(orderId, AUTO_CONFIRM, due, holds));
        }
    }

    private void put(Due due) {
        current.put(new Key(due.orderId(), due.type()), due);
    }

    /** The rows as they are now (for tests and the writer). */
    List<Due> rows() {
        return List.copyOf(current.values());
    }

    Changes changes() {
        List<Due> inserts = new ArrayList<>();
        List<Due> updates = new ArrayList<>();
        List<Key> deletes = new ArrayList<>();
        current.forEach((key, due) -> {
            Due before = stored.get(key);
            if (before == null) {
                inserts.add(due);
            } else if (!before.equals(due)) {
                updates.add(due);
            }
        });
        stored.keySet().stream().filter(key -> !current.containsKey(key)).forEach(deletes::add);
        return new Changes(inserts, updates, deletes);
    }
}
