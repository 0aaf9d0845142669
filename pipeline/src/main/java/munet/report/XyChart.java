package munet.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * A chart of numeric x against numeric y: a scatter (each point labelled with its series' name)
 * or one line per series with a legend.
 */
final class XyChart {
    private static final int WIDTH = 560;
    private static final int HEIGHT = 340;
    private static final int LEFT = 70;
    private static final int RIGHT = 150;
    private static final int TOP = 30;
    private static final int BOTTOM = 50;

    /** One series: {@code points} as {x, y} in data units, drawn as a line or as labelled dots. */
    record Series(String name, String colour, List<double[]> points) {}

    private final String id;
    private final String title;
    private final String xTitle;
    private final String yTitle;
    private final DoubleFunction<String> xFormat;
    private final DoubleFunction<String> yFormat;
    private final boolean lines;
    private final List<Series> series = new ArrayList<>();

    private XyChart(
            String id,
            String title,
            String xTitle,
            String yTitle,
            DoubleFunction<String> xFormat,
            DoubleFunction<String> yFormat,
            boolean lines) {
        this.id = id;
        this.title = title;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
        this.xFormat = xFormat;
        this.yFormat = yFormat;
        this.lines = lines;
    }

    static XyChart scatter(
            String id, String title, String xTitle, String yTitle, DoubleFunction<String> x, DoubleFunction<String> y) {
        return new XyChart(id, title, xTitle, yTitle, x, y, false);
    }

    static XyChart lines(
            String id, String title, String xTitle, String yTitle, DoubleFunction<String> x, DoubleFunction<String> y) {
        return new XyChart(id, title, xTitle, yTitle, x, y, true);
    }

    XyChart add(Series one) {
        series.add(one);
        return this;
    }

    String svg() {
        List<double[]> all = series.stream()
                .flatMap(s -> s.points().stream())
                .filter(p -> Double.isFinite(p[0]) && Double.isFinite(p[1]))
                .toList();
        // a line chart's x is a version or a generation: integers
        Axis x = Axis.over(all.stream().map(p -> p[0]).toList(), !lines, lines ? 1 : 0, LEFT, WIDTH - RIGHT, xFormat);
        Axis y = Axis.over(all.stream().map(p -> p[1]).toList(), false, 0, HEIGHT - BOTTOM, TOP, yFormat);
        SvgWriter svg = new SvgWriter(id, title, WIDTH, HEIGHT);
        for (double tick : y.ticks()) {
            svg.line(LEFT, y.at(tick), WIDTH - RIGHT, y.at(tick), "#e0e0e0");
            svg.text(LEFT - 6, y.at(tick) + 4, y.label(tick), "end", 11);
        }
        for (double tick : x.ticks()) {
            svg.line(x.at(tick), HEIGHT - BOTTOM, x.at(tick), HEIGHT - BOTTOM + 4, "#333333");
            svg.text(x.at(tick), HEIGHT - BOTTOM + 17, x.label(tick), "middle", 11);
        }
        svg.line(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM, "#333333");
        svg.line(LEFT, TOP, LEFT, HEIGHT - BOTTOM, "#333333");
        svg.text((LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 10, xTitle, "middle", 12);
        svg.verticalText(16, (TOP + HEIGHT - BOTTOM) / 2.0, yTitle, "middle");
        svg.text(LEFT, TOP - 12, title, "start", 13);
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            List<double[]> pixels = s.points().stream()
                    .filter(p -> Double.isFinite(p[0]) && Double.isFinite(p[1]))
                    .map(p -> new double[] {x.at(p[0]), y.at(p[1]), p[0], p[1]})
                    .toList();
            if (lines && pixels.size() > 1) {
                svg.polyline(pixels, s.colour());
            }
            for (double[] p : pixels) {
                String tip = String.format(Locale.ROOT, "%s: %s, %s", s.name(), x.label(p[2]), y.label(p[3]));
                svg.circle(p[0], p[1], lines ? 3 : 5, s.colour(), tip);
                if (!lines) {
                    svg.text(p[0] + 7, p[1] - 5, s.name(), "start", 11);
                }
            }
            if (lines) {
                double legendY = TOP + 8 + 16 * i;
                svg.rect(WIDTH - RIGHT + 12, legendY - 8, 10, 10, s.colour(), "");
                svg.text(WIDTH - RIGHT + 26, legendY + 1, s.name(), "start", 11);
            }
        }
        return svg.finish();
    }
}
