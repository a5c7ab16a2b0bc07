package org.bunnybook.query.cache;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.DigestUtils;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.RedisSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Lua scripts shipped under {@code src/main/resources/redis}, run by Redis atomically. */
public final class LuaScripts {

    private LuaScripts() {
    }

    /**
     * The script made of these files, in order, read once: a file may define functions for the ones after it (Redis
     * runs one script per call, so shared Lua is shared by joining files). (A script built on the resource itself asks
     * the resource whether it changed on every call, under a lock: inside a jar that costs more than running the
     * script.)
     */
    @SuppressWarnings("rawtypes")
    public static RedisScript<List> answeringList(String... names) {
        StringBuilder script = new StringBuilder();
        for (String name : names) {
            try {
                script.append(new ClassPathResource("redis/" + name).getContentAsString(StandardCharsets.UTF_8))
                        .append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("missing Lua script " + name, e);
            }
        }
        return of(script.toString(), List.class);
    }

    /**
     * A script with its SHA-1 worked out once. Spring's own ({@code RedisScript.of}) takes a lock for its digest on
     * every call and asks its source, under another lock, whether it changed: every request thread reading a feed page
     * takes the same two locks.
     */
    public static <T> RedisScript<T> of(String script, Class<T> resultType) {
        return new Script<>(script, DigestUtils.sha1DigestAsHex(script), resultType);
    }

    private record Script<T>(String text, String sha1, Class<T> resultType) implements RedisScript<T> {

        @Override
        public String getSha1() {
            return sha1;
        }

        @Override
        public Class<T> getResultType() {
            return resultType;
        }

        @Override
        public String getScriptAsString() {
            return text;
        }
    }

    /**
     * Reads a list answer's values as Redis sent them, UTF-8 bytes (null for Lua's {@code false}), rather than as
     * strings: a value that is parsed anyway (JSON) is then not copied into a {@code String} first.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static final RedisSerializer<List> AS_BYTES = (RedisSerializer) RedisSerializer.byteArray();

    /** A value of a list answer read {@link #AS_BYTES}, as text (null stays null). */
    public static String text(Object bytes) {
        return bytes == null ? null : new String((byte[]) bytes, StandardCharsets.UTF_8);
    }
}
