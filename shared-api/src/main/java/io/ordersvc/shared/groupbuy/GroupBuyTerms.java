package io.ordersvc.shared.groupbuy;

import io.ordersvc.shared.money.Money;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A group-buy campaign's terms (seed 001 group orders): one SKU at groupPrice for groups of groupSize buyers who all
 * pay within duration of the group's opening (and before the campaign ends). perBuyerLimit: the units one buyer may
 * take in the whole campaign (0: no limit). autoFill: at the deadline a group with at least its leader paid succeeds
 * with the seats left filled by the platform (模拟成团) instead of failing.
 */
public record GroupBuyTerms(Money groupPrice, int groupSize, Duration duration, int perBuyerLimit, Instant startsAt,
                            Instant endsAt, boolean autoFill) {

    public static final int MAX_SIZE = 100;
    public static final Duration MIN_DURATION = Duration.ofMinutes(5);
    public static final Duration MAX_DURATION = Duration.ofDays(7);

    /** What is wrong with these terms for a SKU listed at listPrice, named by field; empty when nothing. */
    public List<String> problems(Money listPrice, Instant now) {
        List<String> problems = new ArrayList<>();
        if (groupPrice.compareTo(Money.of("0.01")) < 0 || groupPrice.compareTo(listPrice) >= 0) {
            problems.add("group_price: from 0.01 and below the SKU's price " + listPrice);
        }
        if (groupSize < 2 || groupSize > MAX_SIZE) {
            problems.add("group_size: 2 to " + MAX_SIZE);
        }
        if (duration.compareTo(MIN_DURATION) < 0 || duration.compareTo(MAX_DURATION) > 0) {
            problems.add("duration: " + MIN_DURATION + " to " + MAX_DURATION);
        }
        if (perBuyerLimit < 0) {
            problems.add("per_buyer_limit: 0 (none) or more");
        }
        if (!endsAt.isAfter(startsAt)) {
            problems.add("ends_at: after starts_at");
        } else if (!endsAt.isAfter(now)) {
            problems.add("ends_at: in the future");
        }
        return problems;
    }

    /** When a group opened now must have its seats paid: its duration on, but never past the campaign's end. */
    public Instant deadline(Instant openedAt) {
        Instant byDuration = openedAt.plus(duration);
        return byDuration.isBefore(endsAt) ? byDuration : endsAt;
    }
}
