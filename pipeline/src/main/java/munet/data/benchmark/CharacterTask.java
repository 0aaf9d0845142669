package munet.data.benchmark;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import munet.data.DatasetSplits;

/**
 * One character-recognition task of the benchmark: each code point is a class (label = its
 * position in {@code codePoints}); rendered by the allowed fonts only.
 */
public record CharacterTask(
        String name,
        List<Integer> codePoints,
        int imageSize,
        Map<String, Integer> examplesPerClass,
        List<String> fonts,
        List<String> fontPackages,
        boolean optional,
        RenderStyle style) {

    public CharacterTask {
        codePoints = List.copyOf(codePoints);
        examplesPerClass = Map.copyOf(examplesPerClass);
        fonts = List.copyOf(fonts);
        fontPackages = List.copyOf(fontPackages);
        if (codePoints.size() < 2) {
            throw new IllegalArgumentException("task " + name + " needs at least two characters");
        }
        if (codePoints.stream().distinct().count() != codePoints.size()) {
            throw new IllegalArgumentException("task " + name + " lists a character twice");
        }
        if (imageSize < 8 || imageSize > 512) {
            throw new IllegalArgumentException("task " + name + ": image-size must be in 8..512, got " + imageSize);
        }
        for (String split : DatasetSplits.ALL) {
            if (examplesPerClass.getOrDefault(split, 0) < 1) {
                throw new IllegalArgumentException("task " + name + ": examples-per-class." + split + " must be >= 1");
            }
        }
        if (fonts.isEmpty()) {
            throw new IllegalArgumentException("task " + name + ": fonts must list at least one font");
        }
    }

    /** The class names: each character as a string. */
    public List<String> classNames() {
        return codePoints.stream().map(Character::toString).toList();
    }

    /** Reads munet.data.benchmark.tasks.&lt;name&gt; with task-defaults as fallback. */
    static CharacterTask fromConfig(String name, Config task) {
        String key = "munet.data.benchmark.tasks." + name;
        try {
            List<Integer> codePoints = new ArrayList<>();
            if (task.hasPath("characters")) {
                task.getString("characters").codePoints().forEach(codePoints::add);
            }
            if (task.hasPath("ranges")) {
                for (String range : task.getStringList("ranges")) {
                    codePoints.addAll(range(range, key));
                }
            }
            Map<String, Integer> examples = new LinkedHashMap<>();
            for (String split : DatasetSplits.ALL) {
                examples.put(split, task.getInt("examples-per-class." + split));
            }
            return new CharacterTask(
                    name,
                    codePoints,
                    task.getInt("image-size"),
                    examples,
                    task.getStringList("fonts"),
                    task.getStringList("font-packages"),
                    task.getBoolean("optional"),
                    RenderStyle.fromConfig(task));
        } catch (ConfigException | IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    private static List<Integer> range(String range, String key) {
        String[] ends = range.split("-");
        try {
            int from = Integer.parseInt(ends[0].strip(), 16);
            int to = ends.length == 1 ? from : Integer.parseInt(ends[1].strip(), 16);
            if (ends.length > 2 || to < from || !Character.isValidCodePoint(to)) {
                throw new NumberFormatException();
            }
            List<Integer> out = new ArrayList<>();
            for (int cp = from; cp <= to; cp++) {
                out.add(cp);
            }
            return out;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    key + ".ranges: '" + range + "' is not a hex code-point " + "range like \"0030-0039\"");
        }
    }
}
