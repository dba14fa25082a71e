package dev.trellis.runtime;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Captures a full generic type ({@code List<Item>}) for the JSON codec of ingress bodies. Generated
 * graphs create one per route as an anonymous subclass: {@code new TypeToken<HelloRequest>() {}}.
 * The type is read once, when the route is built, never per request.
 *
 * @param <T> the captured type
 */
public abstract class TypeToken<T> {

    private final Type type;

    protected TypeToken() {
        Type superclass = getClass().getGenericSuperclass();
        if (!(superclass instanceof ParameterizedType parameterized)) {
            throw new IllegalStateException("TypeToken must be created as new TypeToken<...>() {}");
        }
        this.type = parameterized.getActualTypeArguments()[0];
    }

    /** The captured type. */
    public final Type type() {
        return type;
    }

    @Override
    public String toString() {
        return type.getTypeName();
    }
}
