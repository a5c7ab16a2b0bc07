package org.bunnybook.web.observability;

import org.bunnybook.web.support.ApiClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** One scrape of {@code /actuator/prometheus}, as Prometheus reads it: samples by name and labels. */
record Scrape(List<Sample> samples, Set<String> families) {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) ");

    record Sample(String name, Map<String, String> labels, double value) {
    }

    static Scrape of(int port) {
        ApiClient.Response response = new ApiClient(port).get("/actuator/prometheus");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/plain");
        List<Sample> samples = new ArrayList<>();
        Set<String> families = new TreeSet<>();
        for (String line : response.text().split("\n")) {
            Matcher type = TYPE.matcher(line);
            if (type.find()) {
                families.add(type.group(1));
            }
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.find()) {
                continue;
            }
            Map<String, String> labels = new HashMap<>();
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(4))));
        }
        return new Scrape(samples, families);
    }

    /** The sum of the samples of this name whose labels include all of {@code labels} (0 if there is none). */
    double sum(String name, Map<String, String> labels) {
        return matching(name, labels).stream().mapToDouble(Sample::value).sum();
    }

    double sum(String name) {
        return sum(name, Map.of());
    }

    List<Sample> matching(String name, Map<String, String> labels) {
        return samples.stream().filter(sample -> sample.name().equals(name))
                .filter(sample -> sample.labels().entrySet().containsAll(labels.entrySet())).toList();
    }

    /** Whether a sample of this name exists (a counter's {@code _total}, a histogram's {@code _count}, …). */
    boolean has(String name) {
        return samples.stream().anyMatch(sample -> sample.name().equals(name));
    }
}
