package munet.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The architecture as a task x layer grid: a cell is coloured by the task that created the
 * component the row's path uses at that layer (the root's are grey), empty where the path has no
 * such layer; a legend names the colours. A column of one colour is one component shared by all.
 */
final class ArchitectureGrid {
    private static final int CELL = 26;
    private static final int LEFT = 130;
    private static final int TOP = 150;
    private static final int LEGEND = 150;

    private ArchitectureGrid() {}

    static String svg(SystemViews.Architecture architecture, Palette palette) {
        List<String> layers = architecture.layers();
        Map<String, Map<String, String>> rows = architecture.creatorsByTask();
        int width = LEFT + CELL * layers.size() + LEGEND;
        int height = Math.max(TOP + CELL * rows.size() + 20, TOP + 16 * (rows.size() + 1));
        SvgWriter svg = new SvgWriter(
                "architecture", "Architecture: which task created each component of each path", width, height);
        svg.text(10, 18, "Which task created the component each path uses, layer by layer", "start", 13);
        for (int c = 0; c < layers.size(); c++) {
            double x = LEFT + c * CELL + CELL / 2.0;
            svg.verticalText(x + 4, TOP - 6, layers.get(c), "start");
        }
        List<String> creators = new ArrayList<>();
        int r = 0;
        for (Map.Entry<String, Map<String, String>> row : rows.entrySet()) {
            double y = TOP + r * CELL;
            svg.text(LEFT - 8, y + CELL / 2.0 + 4, row.getKey(), "end", 12);
            for (int c = 0; c < layers.size(); c++) {
                String layer = layers.get(c);
                String creator = row.getValue().get(layer);
                double x = LEFT + c * CELL;
                if (creator == null) {
                    svg.rect(x + 1, y + 1, CELL - 2, CELL - 2, "#f4f4f4", row.getKey() + " has no " + layer);
                } else {
                    svg.rect(
                            x + 1,
                            y + 1,
                            CELL - 2,
                            CELL - 2,
                            palette.of(creator),
                            row.getKey() + " uses " + layer + " created by " + creator);
                    if (!creators.contains(creator)) {
                        creators.add(creator);
                    }
                }
            }
            r++;
        }
        double legendX = LEFT + CELL * layers.size() + 20;
        svg.text(legendX, TOP - 8, "created by", "start", 12);
        for (int i = 0; i < creators.size(); i++) {
            svg.rect(legendX, TOP + 16 * i, 10, 10, palette.of(creators.get(i)), "");
            svg.text(legendX + 14, TOP + 16 * i + 9, creators.get(i), "start", 11);
        }
        return svg.finish();
    }
}
