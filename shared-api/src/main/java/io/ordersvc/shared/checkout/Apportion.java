package io.ordersvc.shared.checkout;

import io.ordersvc.shared.money.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Splits an amount over parts in proportion to their weights, to the fen, so that the shares add up exactly: each
 * part first gets its proportional share rounded down, then the fens left over go to the largest part (ties: the
 * first), and only what would take it beyond its own weight to the next largest. A discount is never larger than
 * what it is taken from.
 */
public final class Apportion {

    private Apportion() {
    }

    /**
     * @param total   at most the sum of the weights
     * @param weights not negative
     */
    public static List<Money> split(Money total, List<Money> weights) {
        BigDecimal sum = weights.stream().map(Money::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (total.amount().compareTo(sum) > 0 || total.isNegative()) {
            throw new IllegalArgumentException("cannot split " + total + " over " + sum);
        }
        List<BigDecimal> shares = new ArrayList<>(weights.size());
        BigDecimal given = BigDecimal.ZERO;
        for (Money weight : weights) {
            BigDecimal share = sum.signum() == 0 ? BigDecimal.ZERO.setScale(2)
                    : total.amount().multiply(weight.amount()).divide(sum, 2, RoundingMode.DOWN);
            shares.add(share);
            given = given.add(share);
        }
        BigDecimal left = total.amount().subtract(given);
        List<Integer> largestFirst = IntStream.range(0, weights.size()).boxed()
                .sorted(Comparator.comparing((Integer i) -> weights.get(i)).reversed()).toList();
        for (int i : largestFirst) {
            BigDecimal room = weights.get(i).amount().subtract(shares.get(i));
            BigDecimal put = left.min(room);
            shares.set(i, shares.get(i).add(put));
            left = left.subtract(put);
        }
        return shares.stream().map(Money::new).toList();
    }
}
