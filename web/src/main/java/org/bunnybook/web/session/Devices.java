package org.bunnybook.web.session;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;

import java.util.List;
import java.util.Map;

/**
 * A short name for the client a member logs in with, from its User-Agent ("Firefox on Linux"), for their list of
 * sessions. Simple on purpose: it only helps a member recognise their own devices, and proves nothing.
 */
final class Devices {

    /** Checked in this order: Edge and Opera also say Chrome, Chrome also says Safari. */
    private static final List<Map.Entry<String, String>> BROWSERS = List.of(
            Map.entry("Edg/", "Edge"), Map.entry("OPR/", "Opera"), Map.entry("Firefox/", "Firefox"),
            Map.entry("Chromium/", "Chromium"), Map.entry("Chrome/", "Chrome"), Map.entry("Safari/", "Safari"));
    private static final List<Map.Entry<String, String>> SYSTEMS = List.of(
            Map.entry("Android", "Android"), Map.entry("iPhone", "iOS"), Map.entry("iPad", "iPadOS"),
            Map.entry("Windows", "Windows"), Map.entry("Mac OS X", "macOS"), Map.entry("CrOS", "ChromeOS"),
            Map.entry("Linux", "Linux"));
    private static final int MOST = 64;

    private Devices() {
    }

    static String of(HttpServletRequest request) {
        return describe(request.getHeader(HttpHeaders.USER_AGENT));
    }

    static String describe(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return null;
        }
        String browser = first(BROWSERS, userAgent);
        String system = first(SYSTEMS, userAgent);
        if (browser != null) {
            return system == null ? browser : browser + " on " + system;
        }
        // a script or an app: its own name, e.g. "curl/8.5.0", kept short and printable
        String printable = userAgent.replaceAll("[^\\x20-\\x7E]", "").strip();
        return printable.length() <= MOST ? printable : printable.substring(0, MOST);
    }

    private static String first(List<Map.Entry<String, String>> names, String userAgent) {
        return names.stream().filter(name -> userAgent.contains(name.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }
}
