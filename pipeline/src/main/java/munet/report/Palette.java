package munet.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import munet.system.Task;

/**
 * One colour per task, the same in every chart of a report, so a reader follows a task from the
 * architecture grid to the scatter; the root is grey. Colours repeat after ten tasks.
 */
final class Palette {
    // Tableau 10: distinguishable, and still distinguishable for most colour-blind readers
    private static final List<String> COLOURS = List.of(
            "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
            "#17becf");
    static final String ROOT = "#bab0ac";

    private final Map<String, String> byTask = new HashMap<>();

    Palette(List<String> tasks) {
        for (String task : tasks) {
            if (!task.equals(Task.ROOT)) {
                byTask.put(task, COLOURS.get(byTask.size() % COLOURS.size()));
            }
        }
    }

    String of(String task) {
        return task.equals(Task.ROOT) ? ROOT : byTask.getOrDefault(task, "#555555");
    }
}
