package munet.train;

import java.util.Map;
import java.util.TreeMap;

/** Wall-clock seconds accumulated per phase (load, train, validate, write). */
final class Stopwatch {
    private final Map<String, Double> seconds = new TreeMap<>();
    private long last = System.nanoTime();

    void lap(String phase) {
        long now = System.nanoTime();
        seconds.merge(phase, (now - last) / 1e9, Double::sum);
        last = now;
    }

    Map<String, Double> seconds() {
        return Map.copyOf(seconds);
    }
}
