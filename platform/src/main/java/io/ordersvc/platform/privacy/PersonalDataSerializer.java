package io.ordersvc.platform.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.ordersvc.shared.privacy.PersonalData;
import io.ordersvc.shared.privacy.PersonalFields;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The event serializer with buyers' personal data sealed: an event that is {@link PersonalData} is written with its
 * {@link PersonalData#FIELDS} sealed under its subject's key, and read with them opened ({@link PersonalData#ERASED}
 * once the key is destroyed). Every other payload, and everything else, is the wrapped serializer's. In memory,
 * events hold the values in clear; only what is stored (events, dead letters) holds them sealed.
 */
public final class PersonalDataSerializer implements Serializer {

    private final Serializer delegate;
    private final Supplier<PersonalDataVault> vault;
    /**
     * The class of each stored type and revision: asked for every event read (is it personal data? its payload
     * type), and Jackson's serializer asks the class loader each time (about 3% of a replay's CPU, session 16).
     */
    private final Map<SerializedType, Class<?>> classes = new ConcurrentHashMap<>();
    /** Jackson's reader of each class, and the stored type of each class: the same every time they are asked. */
    private final ClassValue<ObjectReader> readers;
    private final ClassValue<SerializedType> types = new ClassValue<>() {
        @Override
        protected SerializedType computeValue(Class<?> type) {
            return delegate.typeForClass(type);
        }
    };

    public PersonalDataSerializer(Serializer delegate, Supplier<PersonalDataVault> vault) {
        this.delegate = delegate;
        this.vault = vault;
        this.readers = delegate instanceof JacksonSerializer jackson ? new ClassValue<>() {
            @Override
            protected ObjectReader computeValue(Class<?> type) {
                return jackson.getObjectMapper().readerFor(type);
            }
        } : null;
    }

    public Serializer delegate() {
        return delegate;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (!(object instanceof PersonalData data) || data.dataSubject() == null) {
            return delegate.serialize(object, expectedRepresentation);
        }
        SerializedObject<JsonNode> tree = delegate.serialize(object, JsonNode.class);
        JsonNode node = tree.getData();
        PersonalDataVault v = vault.get();
        PersonalFields.replace(node, value -> v.seal(data.dataSubject(), value));
        return new SimpleSerializedObject<>(getConverter().convert(node, JsonNode.class, expectedRepresentation),
                expectedRepresentation, tree.getType());
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        SerializedType type = serializedObject.getType();
        if (SerializedType.emptyType().equals(type)) {
            return delegate.deserialize(serializedObject);
        }
        Class<?> payloadType = classForType(type);
        if (!PersonalData.class.isAssignableFrom(payloadType)) {
            return read(serializedObject, payloadType);
        }
        JsonNode node = getConverter().convert(serializedObject.getData(), serializedObject.getContentType(),
                JsonNode.class);
        if (node == serializedObject.getData()) {
            node = node.deepCopy(); // an upcasted representation may be read again: leave it as it was
        }
        PersonalDataVault v = vault.get();
        PersonalFields.replace(node, v::open);
        return read(new SimpleSerializedObject<>(node, JsonNode.class, type), payloadType);
    }

    /**
     * As Jackson's serializer reads a known type, with the class and the reader it would look up again for every
     * event (the class loader's lookup and a new reader each time: about 0.6 % of the service's CPU under load,
     * bench/README.md, session 49). Any other serializer, and an unknown type, as the wrapped serializer reads them.
     */
    @SuppressWarnings("unchecked")
    private <S, T> T read(SerializedObject<S> serializedObject, Class<?> payloadType) {
        if (readers == null || UnknownSerializedType.class.isAssignableFrom(payloadType)) {
            return delegate.deserialize(serializedObject);
        }
        ObjectReader reader = readers.get(payloadType);
        try {
            if (JsonNode.class.equals(serializedObject.getContentType())) {
                return reader.readValue((JsonNode) serializedObject.getData());
            }
            return reader.readValue(getConverter().convert(serializedObject, byte[].class).getData());
        } catch (IOException e) {
            throw new SerializationException("Error while deserializing object", e);
        }
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public Class classForType(SerializedType type) {
        Class<?> known = classes.get(type);
        if (known != null) {
            return known;
        }
        return classes.computeIfAbsent(new SimpleSerializedType(type.getName(), type.getRevision()), key -> {
            Class<?> c = delegate.classForType(type);
            return c == null ? UnknownSerializedType.class : c;
        });
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return type == null ? delegate.typeForClass(null) : types.get(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
