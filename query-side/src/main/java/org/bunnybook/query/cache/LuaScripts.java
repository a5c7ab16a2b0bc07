package org.bunnybook.query.cache;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

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
        return RedisScript.of(script.toString(), List.class);
    }
}
