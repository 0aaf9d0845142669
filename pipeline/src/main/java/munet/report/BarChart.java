package munet.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Horizontal bars, one row per label, each bar a stack of segments (e.g. the pool before a task
 * and what the task added); the row's total is written after its bar.
 */
final class BarChart {
    private static final int WIDTH = 560;
    private static final int ROW = 24;
    private static final int LEFT = 130;
    private static final int RIGHT = 70;
    private static final int TOP = 30;
    private static final int BOTTOM = 40;

    record Segment(double value, String colour, String tooltip) {}

    private record Bar(String label, List<Segment> segments) {
        double total() {
            return segments.stream().mapToDouble(Segment::value).sum();
        }
    }

    private final String id;
    private final String title;
    private final String valueTitle;
    private final DoubleFunction<String> format;
    private final List<Bar> bars = new ArrayList<>();

    BarChart(String id, String title, String valueTitle, DoubleFunction<String> format) {
        this.id = id;
        this.title = title;
        this.valueTitle = valueTitle;
        this.format = format;
    }

    BarChart add(String label, List<Segment> segments) {
        bars.add(new Bar(label, List.copyOf(segments)));
        return this;
    }

    String svg() {
        int height = TOP + BOTTOM + ROW * Math.max(1, bars.size());
        Axis x = Axis.over(bars.stream().map(Bar::total).toList(), true, 0, LEFT, WIDTH - RIGHT, format);
        SvgWriter svg = new SvgWriter(id, title, WIDTH, height);
        svg.text(LEFT, TOP - 12, title, "start", 13);
        for (double tick : x.ticks()) {
            svg.line(x.at(tick), TOP, x.at(tick), height - BOTTOM, "#e0e0e0");
            svg.text(x.at(tick), height - BOTTOM + 15, x.label(tick), "middle", 11);
        }
        svg.text((LEFT + WIDTH - RIGHT) / 2.0, height - 8, valueTitle, "middle", 12);
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double y = TOP + i * ROW + 4;
            svg.text(LEFT - 6, y + 12, bar.label(), "end", 11);
            double start = 0;
            for (Segment segment : bar.segments()) {
                svg.rect(
                        x.at(start),
                        y,
                        x.at(start + segment.value()) - x.at(start),
                        ROW - 8,
                        segment.colour(),
                        segment.tooltip());
                start += segment.value();
            }
            svg.text(x.at(start) + 4, y + 12, format.apply(bar.total()), "start", 11);
        }
        svg.line(LEFT, TOP, LEFT, height - BOTTOM, "#333333");
        return svg.finish();
    }
}
