package munet.report;

import java.util.List;
import java.util.Locale;

/**
 * Writes one inline {@code <svg>} element: shapes in pixel coordinates, text escaped. Every chart
 * carries {@code data-chart="<id>"} and a {@code <title>}, which is what a browser test and a
 * screen reader find it by.
 */
final class SvgWriter {
    private final StringBuilder out = new StringBuilder();

    SvgWriter(String id, String title, int width, int height) {
        out.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" data-chart=\"%s\" role=\"img\" width=\"%d\" height=\"%d\""
                        + " viewBox=\"0 0 %d %d\"><title>%s</title>\n",
                escape(id),
                width,
                height,
                width,
                height,
                escape(title)));
        rect(0, 0, width, height, "#ffffff", "");
    }

    void rect(double x, double y, double width, double height, String fill, String tooltip) {
        out.append(String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">%s</rect>\n",
                x,
                y,
                Math.max(0, width),
                Math.max(0, height),
                fill,
                tooltip(tooltip)));
    }

    void circle(double x, double y, double radius, String fill, String tooltip) {
        out.append(String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\" stroke=\"#333333\" stroke-width=\"0.5\">%s</circle>\n",
                x,
                y,
                radius,
                fill,
                tooltip(tooltip)));
    }

    void line(double x1, double y1, double x2, double y2, String stroke) {
        out.append(String.format(
                Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1\"/>\n",
                x1,
                y1,
                x2,
                y2,
                stroke));
    }

    /** A line through {@code points}, each {x, y} in pixels. */
    void polyline(List<double[]> points, String stroke) {
        out.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"")
                .append(stroke)
                .append("\" points=\"");
        for (double[] p : points) {
            out.append(String.format(Locale.ROOT, "%.1f,%.1f ", p[0], p[1]));
        }
        out.append("\"/>\n");
    }

    /** Text at (x, y); {@code anchor} is start, middle or end. */
    void text(double x, double y, String text, String anchor, int size) {
        out.append(String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\" font-family=\"sans-serif\">%s</text>\n",
                x,
                y,
                size,
                anchor,
                escape(text)));
    }

    /** Text rotated a quarter turn, read upwards from (x, y) for anchor start: axis titles, column names. */
    void verticalText(double x, double y, String text, String anchor) {
        out.append(String.format(
                Locale.ROOT,
                "<text transform=\"translate(%.1f,%.1f) rotate(-90)\" font-size=\"12\" text-anchor=\"%s\""
                        + " font-family=\"sans-serif\">%s</text>\n",
                x,
                y,
                anchor,
                escape(text)));
    }

    String finish() {
        return out.append("</svg>").toString();
    }

    private static String tooltip(String text) {
        return text.isEmpty() ? "" : "<title>" + escape(text) + "</title>";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
