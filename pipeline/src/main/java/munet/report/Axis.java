package munet.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * A linear axis from a data range onto a pixel range, widened to round tick values so the grid
 * lines a reader sees fall on numbers they can read.
 */
record Axis(double min, double max, double step, double from, double to, DoubleFunction<String> format) {

    /** Percent with no decimals: accuracies. */
    static final DoubleFunction<String> PERCENT = v -> String.format(Locale.ROOT, "%.0f%%", 100 * v);

    /** Counts as 950, 12k, 1.2M: parameters, images, seconds. */
    static final DoubleFunction<String> COUNT = Axis::count;

    /**
     * An axis over {@code values} (finite ones), starting at zero when {@code fromZero}, its ticks at
     * least {@code minStep} apart (1 for versions and generations, which have no values between
     * integers, and end at the last one); a continuous axis (minStep 0) leaves a little room past
     * the largest value for a point's label.
     */
    static Axis over(
            List<Double> values,
            boolean fromZero,
            double minStep,
            double from,
            double to,
            DoubleFunction<String> format) {
        double lo = values.stream()
                .filter(Double::isFinite)
                .mapToDouble(Double::doubleValue)
                .min()
                .orElse(0);
        double hi = values.stream()
                .filter(Double::isFinite)
                .mapToDouble(Double::doubleValue)
                .max()
                .orElse(1);
        if (fromZero) {
            lo = Math.min(0, lo);
        }
        if (hi - lo < 1e-12) {
            hi = lo + Math.max(1e-6, Math.abs(lo) * 0.1);
        }
        if (minStep == 0) {
            hi += (hi - lo) * 0.04;
        }
        double step = Math.max(minStep, roundStep((hi - lo) / 5));
        return new Axis(Math.floor(lo / step) * step, Math.ceil(hi / step) * step, step, from, to, format);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    private static double roundStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5}) {
            if (m * power >= raw) {
                return m * power;
            }
        }
        return 10 * power;
    }

    /** The pixel of {@code value}. */
    double at(double value) {
        return from + (value - min) / (max - min) * (to - from);
    }

    List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        for (long i = 0; min + i * step <= max + step * 1e-9; i++) {
            ticks.add(min + i * step);
        }
        return ticks;
    }

    String label(double value) {
        return format.apply(value);
    }

    static String count(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 1e6) {
            return trim(value / 1e6) + "M";
        }
        if (magnitude >= 1e3) {
            return trim(value / 1e3) + "k";
        }
        return trim(value);
    }

    private static String trim(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
