package munet.data.benchmark;

import java.awt.Font;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import munet.data.DatasetMetadata;
import munet.data.DatasetSplits;
import munet.data.DatasetWriter;
import munet.data.ImageRow;
import munet.data.ImportOptions;
import munet.data.ImportReport;
import munet.data.PngBytes;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Renders the characters benchmark: one task dataset per task under the output folder, named
 * after the task. Every task's fonts and output folder are checked before anything is written,
 * so a task that no installed font can render, or an existing task folder, fails the run with
 * nothing written (an optional unrenderable task is skipped with a warning instead).
 */
public final class BenchmarkGenerator {
    private final BenchmarkSuite suite;
    private final FontCatalog catalog;
    private final ImportOptions options;

    public BenchmarkGenerator(BenchmarkSuite suite, FontCatalog catalog, ImportOptions options) {
        this.suite = suite;
        this.catalog = catalog;
        this.options = options;
    }

    /** The faces allowed to draw each class of {@code task}, in class order. */
    public List<List<Font>> facesPerClass(CharacterTask task) throws IOException {
        List<Font> allowed = catalog.allowed(task.fonts());
        List<List<Font>> out = new ArrayList<>();
        List<String> unrenderable = new ArrayList<>();
        for (int cp : task.codePoints()) {
            List<Font> faces =
                    allowed.stream().filter(f -> FontCatalog.renders(f, cp)).toList();
            if (faces.isEmpty()) {
                unrenderable.add(Character.toString(cp) + " (U+" + String.format("%04X", cp) + ")");
            }
            out.add(faces);
        }
        if (!unrenderable.isEmpty()) {
            throw new UnrenderableTaskException("task " + task.name() + ": no installed font among "
                    + task.fonts() + " renders " + String.join(", ", unrenderable) + "; install "
                    + String.join(" ", task.fontPackages()) + " (e.g. apt-get install "
                    + String.join(" ", task.fontPackages()) + ") or change its fonts");
        }
        return out;
    }

    /** Writes every renderable task below {@code outputRoot}; {@code log} receives progress. */
    public List<ImportReport> generate(String outputRoot, Configuration conf, Consumer<String> log) throws IOException {
        Map<CharacterTask, List<List<Font>>> plan = new LinkedHashMap<>();
        for (CharacterTask task : suite.tasks()) {
            try {
                plan.put(task, facesPerClass(task));
            } catch (UnrenderableTaskException e) {
                if (!task.optional()) {
                    throw e;
                }
                log.accept("WARNING: skipping optional " + e.getMessage());
            }
        }
        for (CharacterTask task : plan.keySet()) {
            Path folder = new Path(outputRoot, task.name());
            if (folder.getFileSystem(conf).exists(folder)) {
                throw new IOException(
                        "output " + folder + " already exists; choose a new folder or " + "delete it first");
            }
        }
        List<ImportReport> reports = new ArrayList<>();
        int k = 0;
        for (Map.Entry<CharacterTask, List<List<Font>>> e : plan.entrySet()) {
            String folder = new Path(outputRoot, e.getKey().name()).toString();
            reports.add(write(e.getKey(), e.getValue(), folder, conf));
            log.accept("task " + ++k + "/" + plan.size() + " " + reports.get(reports.size() - 1));
        }
        return reports;
    }

    private ImportReport write(CharacterTask task, List<List<Font>> faces, String output, Configuration conf)
            throws IOException {
        GlyphRenderer renderer = new GlyphRenderer(task.imageSize(), task.style());
        DatasetMetadata metadata = DatasetMetadata.of(task.classNames());
        try (DatasetWriter writer =
                new DatasetWriter("benchmark task " + task.name(), output, conf, metadata, options, null)) {
            for (String split : DatasetSplits.ALL) {
                int perClass = task.examplesPerClass().get(split);
                // Interleave classes so that any prefix of a split is balanced.
                for (int i = 0; i < perClass; i++) {
                    for (int label = 0; label < task.codePoints().size(); label++) {
                        SplittableRandom rng = new SplittableRandom(imageSeed(task, split, label, i));
                        byte[] png =
                                PngBytes.of(renderer.render(task.codePoints().get(label), faces.get(label), rng));
                        String name = split + "/" + label + "/" + i + ".png";
                        writer.add(split, new ImageRow(png, name, label), task.name() + " " + name);
                    }
                }
            }
            return writer.commit();
        }
    }

    /** One seed per image, so an image does not depend on how many were rendered before it. */
    private long imageSeed(CharacterTask task, String split, int label, int index) {
        long h = suite.seed();
        for (Object part : List.of(task.name(), split, label, index)) {
            h = new SplittableRandom(h ^ part.hashCode() * 0x9E3779B97F4A7C15L).nextLong();
        }
        return h;
    }

    /** No allowed installed font draws some of a task's characters. */
    public static final class UnrenderableTaskException extends IllegalArgumentException {
        public UnrenderableTaskException(String message) {
            super(message);
        }
    }
}
