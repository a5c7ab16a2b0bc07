package org.bunnybook.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code name} picks the benchmark; {@code --key=value} sets an option. */
final class Options {

    private Options() {
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else {
                options.put("benchmark", arg);
            }
        }
        return options;
    }
}
