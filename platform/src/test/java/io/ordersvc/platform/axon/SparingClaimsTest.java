package io.ordersvc.platform.axon;

import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SparingClaimsTest {

    private final List<String> writes = new ArrayList<>();
    private final AtomicLong now = new AtomicLong();
    private boolean stolen;

    /** The store underneath: records what reaches it. */
    private final TokenStore store = new TokenStore() {
        @Override
        public void storeToken(TrackingToken token, String processorName, int segment) {
            writes.add("store " + processorName + "/" + segment);
        }

        @Override
        public TrackingToken fetchToken(String processorName, int segment) {
            writes.add("claim " + processorName + "/" + segment);
            return new GlobalSequenceTrackingToken(7);
        }

        @Override
        public void extendClaim(String processorName, int segment) {
            writes.add("extend " + processorName + "/" + segment);
            if (stolen) {
                throw new UnableToClaimTokenException("owned by another instance");
            }
        }

        @Override
        public void releaseClaim(String processorName, int segment) {
            writes.add("release " + processorName + "/" + segment);
        }

        @Override
        public int[] fetchSegments(String processorName) {
            return new int[]{0, 1};
        }
    };

    /** Claims time out after 9 s: renewed after 3. */
    private final SparingClaims claims = new SparingClaims(store, Duration.ofSeconds(9), now::get);

    private void after(long seconds) {
        now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    @Test
    void an_idle_segment_renews_its_claim_once_a_third_of_the_timeout_has_passed() {
        claims.fetchToken("orders", 0);
        for (int second = 0; second < 7; second++) {
            after(1);
            claims.extendClaim("orders", 0);
        }
        // claimed at 0; extensions asked at 1..7 s: written at 3 and 6
        assertThat(writes).containsExactly("claim orders/0", "extend orders/0", "extend orders/0");
    }

    @Test
    void a_claim_it_has_not_written_is_extended_at_once_and_segments_count_apart() {
        claims.extendClaim("orders", 0);
        claims.extendClaim("orders", 1);
        claims.extendClaim("products", 0);
        claims.extendClaim("orders", 0);

        assertThat(writes).containsExactly("extend orders/0", "extend orders/1", "extend products/0");
    }

    @Test
    void a_stored_token_is_not_taken_for_a_renewal_its_batch_may_still_roll_back() {
        claims.storeToken(new GlobalSequenceTrackingToken(8), "orders", 0);
        claims.extendClaim("orders", 0);

        assertThat(writes).containsExactly("store orders/0", "extend orders/0");
    }

    @Test
    void a_released_claim_is_forgotten() {
        claims.fetchToken("orders", 0);
        claims.releaseClaim("orders", 0);
        claims.extendClaim("orders", 0);

        assertThat(writes).containsExactly("claim orders/0", "release orders/0", "extend orders/0");
    }

    @Test
    void a_lost_claim_fails_as_before_and_is_asked_again_next_time() {
        claims.fetchToken("orders", 0);
        after(3);
        stolen = true;
        assertThatThrownBy(() -> claims.extendClaim("orders", 0)).isInstanceOf(UnableToClaimTokenException.class);
        assertThatThrownBy(() -> claims.extendClaim("orders", 0)).isInstanceOf(UnableToClaimTokenException.class);

        assertThat(writes).containsExactly("claim orders/0", "extend orders/0", "extend orders/0");
    }

    @Test
    void the_rest_goes_to_the_store() {
        assertThat(claims.fetchSegments("orders")).containsExactly(0, 1);
        assertThat(claims.fetchToken("orders", 1)).isEqualTo(new GlobalSequenceTrackingToken(7));
    }
}
