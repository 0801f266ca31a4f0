package io.ordersvc.platform.privacy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.util.LRUMap;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderEvent.OrderPlaced;
import io.ordersvc.shared.order.OrderType;
import io.ordersvc.shared.order.Receiver;
import io.ordersvc.shared.privacy.PersonalData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the event store holds of a buyer's receiver, and what it reads back before and after the buyer's erasure. */
class PersonalDataSerializerTest {

    static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
    static final Receiver RECEIVER = new Receiver("张三", "138-0013-8000", "广东省", "深圳市", "南山区", "科技园路1号",
            "518000", "440305");

    final PersonalDataVault.MemoryKeyRing keys = new PersonalDataVault.MemoryKeyRing();
    final PersonalDataVault vault = PersonalDataVault.inMemory(keys);
    final JacksonSerializer jackson = JacksonSerializer.builder().objectMapper(new ObjectMapper()
            .findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)).build();
    final PersonalDataSerializer serializer = new PersonalDataSerializer(jackson, () -> vault);

    static OrderPlaced placed(String buyerId) {
        return new OrderPlaced("o-1", "20261122000000000001", buyerId, "shop-1", OrderType.PHYSICAL, List.of(),
                RECEIVER, "请放门口", Money.of("44.00"), Money.ZERO, Money.ZERO, Money.of("44.00"), 0, 44, T0,
                T0.plusSeconds(3600));
    }

    @Test
    void the_store_holds_the_name_phone_and_street_address_sealed_and_reads_them_back() {
        SerializedObject<byte[]> stored = serializer.serialize(placed("b-1"), byte[].class);
        String json = new String(stored.getData(), StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("张三", "138-0013-8000", "科技园路").contains("\"name\":\"pd1:")
                .contains("广东省", "518000", "440305", "44.00", "请放门口");
        OrderPlaced read = serializer.deserialize(stored);
        assertThat(read).isEqualTo(placed("b-1"));
        // A synthetic IV: the same value of one buyer seals to one text (rebuilt read models equal the live ones),
        // another value or another buyer's to another.
        assertThat(vault.seal("b-1", "张三")).isEqualTo(vault.seal("b-1", "张三"))
                .isNotEqualTo(vault.seal("b-1", "张四")).isNotEqualTo(vault.seal("b-2", "张三"));
    }

    @Test
    void each_stored_type_is_looked_up_once_however_often_its_events_are_read() {
        Map<String, Integer> classLookups = new ConcurrentHashMap<>();
        Map<Class<?>, Integer> readersMade = new ConcurrentHashMap<>();
        ObjectMapper mapper = new ObjectMapper() {
            @Override
            public ObjectReader readerFor(Class<?> type) {
                readersMade.merge(type, 1, Integer::sum);
                return super.readerFor(type);
            }
        };
        mapper.setTypeFactory(new TypeFactory(new LRUMap<>(16, 200)) {
            @Override
            public Class<?> findClass(String className) throws ClassNotFoundException {
                classLookups.merge(className, 1, Integer::sum);
                return super.findClass(className);
            }
        });
        JacksonSerializer counted = JacksonSerializer.builder().objectMapper(mapper.findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)).build();
        PersonalDataSerializer reading = new PersonalDataSerializer(counted, () -> vault);
        SerializedObject<byte[]> personal = reading.serialize(placed("b-1"), byte[].class);
        SerializedObject<byte[]> plain = reading.serialize(Money.of("1.50"), byte[].class);

        for (int i = 0; i < 50; i++) {
            assertThat((OrderPlaced) reading.deserialize(personal)).isEqualTo(placed("b-1"));
            assertThat((Money) reading.deserialize(plain)).isEqualTo(Money.of("1.50"));
        }

        assertThat(classLookups).containsEntry(OrderPlaced.class.getName(), 1)
                .containsEntry(Money.class.getName(), 1);
        assertThat(readersMade).containsEntry(OrderPlaced.class, 1).containsEntry(Money.class, 1);
        assertThat(reading.typeForClass(Money.class)).isSameAs(reading.typeForClass(Money.class))
                .isEqualTo(counted.typeForClass(Money.class));
    }

    @Test
    void after_erasure_the_stored_event_reads_erased_and_everything_else_stays() {
        SerializedObject<byte[]> stored = serializer.serialize(placed("b-1"), byte[].class);
        SerializedObject<byte[]> otherBuyer = serializer.serialize(placed("b-2"), byte[].class);
        keys.erase("b-1");
        OrderPlaced read = serializer.deserialize(stored);
        assertThat(read.receiver()).isEqualTo(new Receiver(PersonalData.ERASED, PersonalData.ERASED, "广东省",
                "深圳市", "南山区", PersonalData.ERASED, "518000", "440305"));
        assertThat(read.payAmount()).isEqualTo(Money.of("44.00"));
        assertThat(read.buyerId()).isEqualTo("b-1");
        assertThat(((OrderPlaced) serializer.deserialize(otherBuyer)).receiver()).isEqualTo(RECEIVER);
        // An erased buyer's new data is never sealed again: it is stored erased.
        String again = new String(serializer.serialize(placed("b-1"), byte[].class).getData(), StandardCharsets.UTF_8);
        assertThat(again).doesNotContain("张三").contains("\"name\":\"[erased]\"");
        assertThatThrownBy(() -> vault.requireNotErased("b-1")).hasMessageContaining("erased");
        vault.requireNotErased("b-2");
    }

    @Test
    void values_of_before_sealing_open_as_they_are_and_a_tampered_one_does_not_open() {
        assertThat(vault.open("pd0:张三")).isEqualTo("张三");
        assertThat(vault.open("张三")).isEqualTo("张三");
        assertThat(vault.open(PersonalData.ERASED)).isEqualTo(PersonalData.ERASED);
        assertThat(vault.open(null)).isNull();
        assertThat(vault.open("pd1:no-such-key:AAAA")).isEqualTo(PersonalData.ERASED);
        String sealed = vault.seal("b-1", "张三");
        String tampered = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("A") ? "BB" : "AA");
        assertThatThrownBy(() -> vault.open(tampered)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void search_tokens_match_any_part_of_the_name_and_three_or_more_digits_of_the_phone() {
        List<Long> tokens = List.of(vault.searchTokens("张 三丰", "138-0013-8000"));
        assertThat(tokens).contains(vault.nameToken("张"), vault.nameToken("三丰"), vault.nameToken("张三丰"));
        assertThat(tokens).doesNotContain(vault.nameToken("李"));
        for (String part : List.of("138", "0013", "8000", "13800138000", "1-3-8-0-0-1")) {
            assertThat(vault.phoneSearch(part).matches(tokens)).as(part).isTrue();
        }
        for (String other : List.of("999", "1381", "0008", "138001380001")) {
            assertThat(vault.phoneSearch(other).matches(tokens)).as(other).isFalse();
        }
        assertThat(vault.phoneSearch("13")).as("fewer than 3 digits").isNull();
        assertThat(vault.nameToken("x".repeat(PersonalDataVault.MAX_NAME_CHARS + 1))).isNull();
        assertThat(vault.nameSearch("x".repeat(PersonalDataVault.MAX_NAME_CHARS + 1))).isNull();
        assertThat(vault.nameSearch("三丰").matches(tokens)).isTrue();
        assertThat(vault.searchTokens(PersonalData.ERASED, PersonalData.ERASED)).isEmpty();
        // A name gives every substring; 11 digits give 9 groups of three, one a position.
        assertThat(vault.searchTokens("张三丰", null)).hasSize(6);
        assertThat(vault.searchTokens(null, "13800138000")).hasSize(9);
        assertThat(vault.searchTokens(null, "1".repeat(30))).as("the first 20 digits")
                .hasSize(PersonalDataVault.MAX_PHONE_DIGITS - 2);
    }

    @Test
    void a_phone_search_matches_exactly_the_phones_that_hold_its_digits() {
        java.util.Random random = new java.util.Random(47);
        for (int round = 0; round < 300; round++) {
            String phone = digits(random, 5 + random.nextInt(16)); // 5-20 digits
            List<Long> tokens = List.of(vault.searchTokens(null, phone));
            String query = digits(random, 3 + random.nextInt(4)); // three digits of ten: often held, often nearly
            int from = random.nextInt(phone.length() - 2);
            String inside = phone.substring(from, from + 3 + random.nextInt(phone.length() - from - 2));
            for (String q : List.of(query, inside, phone)) {
                assertThat(vault.phoneSearch(q).matches(tokens)).as(phone + " holds " + q).isEqualTo(phone.contains(q));
            }
        }
    }

    private static String digits(java.util.Random random, int n) {
        StringBuilder d = new StringBuilder();
        for (int i = 0; i < n; i++) {
            d.append("019".charAt(random.nextInt(3)));
        }
        return d.toString();
    }

    @Test
    void a_phone_search_matches_the_rows_written_before_positions_by_their_substring_tokens() {
        List<Long> before = List.of(vault.substringToken("0013"), vault.substringToken("13800138000"));
        assertThat(vault.phoneSearch("0013").matches(before)).isTrue();
        assertThat(vault.phoneSearch("138-0013-8000").matches(before)).isTrue();
        assertThat(vault.phoneSearch("0014").matches(before)).isFalse();
    }

    @Test
    void a_stored_event_in_clear_is_scrubbed_of_the_receiver_only() {
        byte[] clear = jackson.serialize(placed("b-1"), byte[].class).getData();
        String scrubbed = new String(StoredEventScrub.erased(clear), StandardCharsets.UTF_8);
        assertThat(scrubbed).doesNotContain("张三", "138-0013-8000", "科技园路")
                .contains("\"name\":\"[erased]\"", "\"address\":\"[erased]\"", "广东省", "44.00");
        assertThat(StoredEventScrub.erased(StoredEventScrub.erased(clear))).as("nothing left to erase").isNull();
    }
}
