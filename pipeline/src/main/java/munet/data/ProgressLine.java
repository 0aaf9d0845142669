package munet.data;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Progress of a long count of known total (images imported, training steps): one line at each
 * tenth of the total, with how many are done, the rate so far and the time left at that rate.
 * Lines come at fixed fractions of the work, not on a timer, so a run prints the same lines
 * whatever the machine's speed (only the rate and ETA differ).
 */
public final class ProgressLine {
    private static final int LINES = 10;

    private final String what;
    private final String unit;
    private final long total;
    private final LongSupplier nanoTime;
    private final Consumer<String> out;
    private final long start;
    private long done;
    private int printed;

    /** {@code what} starts each line ("import of image folder /data/pets"); {@code unit} is plural ("images"). */
    public ProgressLine(String what, String unit, long total, LongSupplier nanoTime, Consumer<String> out) {
        this.what = what;
        this.unit = unit;
        this.total = total;
        this.nanoTime = nanoTime;
        this.out = out;
        this.start = nanoTime.getAsLong();
    }

    /** Counts {@code n} more done; prints a line for each tenth of the total reached. */
    public void advance(long n) {
        done += n;
        while (total > 0 && printed < LINES && done * LINES >= (printed + 1) * total) {
            printed++;
            out.accept(line());
        }
    }

    private String line() {
        double seconds = Math.max(1e-9, (nanoTime.getAsLong() - start) / 1e9);
        double rate = done / seconds;
        String left = done >= total ? "done in " + duration(seconds) : "ETA " + duration((total - done) / rate);
        return String.format(
                Locale.ROOT,
                "%s: %,d/%,d %s (%d%%), %,.1f %s/s, %s",
                what,
                done,
                total,
                unit,
                100 * done / total,
                rate,
                unit,
                left);
    }

    /** 12 s, 3 min 05 s, 2 h 07 min. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
    }
}
