package org.bunnybook.platform.privacy;

import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Axon's Jackson serializer, remembering the class of each stored type name. Axon's looks the class up by name
 * ({@code Class.forName} through Jackson's type factory) for every payload and every metadata it reads: 3.5 % of a
 * rebuild's CPU and 2 % of a command's (docs/performance.md). A class found once stays the same for the life of the
 * JVM; a name not found is left to Axon, which remembers those itself.
 */
final class ClassCachingJacksonSerializer extends JacksonSerializer {

    private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();

    ClassCachingJacksonSerializer(Builder builder) {
        super(builder);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        Class<?> known = classes.get(type.getName());
        if (known != null) {
            return known;
        }
        Class<?> found = super.classForType(type);
        if (found != UnknownSerializedType.class && found != Void.class) {
            classes.put(type.getName(), found);
        }
        return found;
    }
}
