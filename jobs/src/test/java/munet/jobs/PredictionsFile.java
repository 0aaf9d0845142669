package munet.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;

/** The rows of a {@code predict} output folder, read with plain Parquet (no Spark session needed). */
public record PredictionsFile(
        String image, String task, int label, String labelName, double score, List<Integer> topK, float[] logits) {

    public static List<PredictionsFile> read(Path dir) throws IOException {
        List<PredictionsFile> rows = new ArrayList<>();
        List<Path> parts;
        try (Stream<Path> files = Files.list(dir)) {
            parts = files.filter(f -> f.getFileName().toString().endsWith(".parquet"))
                    .sorted()
                    .toList();
        }
        for (Path part : parts) {
            try (ParquetReader<Group> reader = ParquetReader.builder(
                            new GroupReadSupport(), new org.apache.hadoop.fs.Path(part.toUri()))
                    .withConf(new Configuration())
                    .build()) {
                for (Group row = reader.read(); row != null; row = reader.read()) {
                    rows.add(of(row));
                }
            }
        }
        return rows;
    }

    private static PredictionsFile of(Group row) {
        List<Integer> top = new ArrayList<>();
        Group topK = row.getGroup("top_k", 0);
        for (int i = 0; i < topK.getFieldRepetitionCount("list"); i++) {
            top.add(topK.getGroup("list", i).getGroup("element", 0).getInteger("label", 0));
        }
        float[] logits = null;
        if (row.getType().containsField("logits") && row.getFieldRepetitionCount("logits") > 0) {
            Group list = row.getGroup("logits", 0);
            logits = new float[list.getFieldRepetitionCount("list")];
            for (int i = 0; i < logits.length; i++) {
                logits[i] = list.getGroup("list", i).getFloat("element", 0);
            }
        }
        String labelName = row.getFieldRepetitionCount("label_name") > 0 ? row.getString("label_name", 0) : null;
        return new PredictionsFile(
                row.getString("image", 0),
                row.getString("task", 0),
                row.getInteger("label", 0),
                labelName,
                row.getDouble("score", 0),
                top,
                logits);
    }
}
