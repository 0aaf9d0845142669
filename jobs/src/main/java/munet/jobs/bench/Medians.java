package munet.jobs.bench;

import java.util.Arrays;

/** The median of repeated measurements: robust to one run disturbed by the other work on a shared machine. */
final class Medians {
    private Medians() {}

    static double of(double... values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
