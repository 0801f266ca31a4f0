package io.ordersvc.platform.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordersvc.shared.privacy.PersonalData;
import io.ordersvc.shared.privacy.PersonalFields;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.UnknownSerializedType;

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
    private final java.util.Map<String, Class<?>> classes = new java.util.concurrent.ConcurrentHashMap<>();

    public PersonalDataSerializer(Serializer delegate, Supplier<PersonalDataVault> vault) {
        this.delegate = delegate;
        this.vault = vault;
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
        if (SerializedType.emptyType().equals(type) || !PersonalData.class.isAssignableFrom(classForType(type))) {
            return delegate.deserialize(serializedObject);
        }
        JsonNode node = getConverter().convert(serializedObject.getData(), serializedObject.getContentType(),
                JsonNode.class);
        if (node == serializedObject.getData()) {
            node = node.deepCopy(); // an upcasted representation may be read again: leave it as it was
        }
        PersonalDataVault v = vault.get();
        PersonalFields.replace(node, v::open);
        return delegate.deserialize(new SimpleSerializedObject<>(node, JsonNode.class, type));
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public Class classForType(SerializedType type) {
        return classes.computeIfAbsent(type.getName() + "#" + type.getRevision(), key -> {
            Class<?> c = delegate.classForType(type);
            return c == null ? UnknownSerializedType.class : c;
        });
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
