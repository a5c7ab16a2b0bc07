package org.bunnybook.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Collected latencies of one kind of question, in nanoseconds, with percentiles in milliseconds. Sized for the
 * expected number of samples, and growing past it when a run is timed rather than counted.
 */
final class Latencies {

    private long[] samples;
    private int count;

    Latencies(int capacity) {
        this.samples = new long[capacity];
    }

    /** The samples of all of these together. */
    static Latencies merged(List<Latencies> parts) {
        Latencies all = new Latencies(parts.stream().mapToInt(part -> part.count).sum());
        for (Latencies part : parts) {
            System.arraycopy(part.samples, 0, all.samples, all.count, part.count);
            all.count += part.count;
        }
        return all;
    }

    /** A latency measured elsewhere (e.g. from a send to its delivery on another thread). */
    void add(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, Math.max(16, samples.length * 2));
        }
        samples[count++] = nanos;
    }

    void time(Runnable question) {
        long started = System.nanoTime();
        question.run();
        add(System.nanoTime() - started);
    }

    int count() {
        return count;
    }

    double percentileMillis(double percentile) {
        return percentile(percentile) / 1_000_000.0;
    }

    /** A percentile of the samples as they were added: for samples that are counts rather than nanoseconds. */
    long percentile(double percentile) {
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * count) - 1;
        return sorted[Math.max(0, Math.min(index, count - 1))];
    }
}
