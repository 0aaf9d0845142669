package munet.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import munet.jobs.TinyRun;
import munet.jobs.UserError;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DataFrame entry point as a Spark user calls it: a frame with a Hugging Face image struct and columns of its own. */
class FrameScorerTest {
    @TempDir
    Path dir;

    @Test
    void addsPredictionColumnsToEveryRowAndKeepsTheFramesOwn() throws Exception {
        Path fixture = Path.of(FrameScorerTest.class
                        .getResource("/vit-tiny/config.json")
                        .toURI())
                .getParent();
        Path store = dir.resolve("store");
        Path config = new TinyRun(dir).config("score.conf", List.of("t-a"), "munet.model.image-size = 24");
        TinyRun.Result init = TinyRun.munet(
                "init",
                "--config",
                config.toString(),
                "--store",
                store.toString(),
                "--from",
                fixture.resolve("vit_jax.npz").toString());
        assertEquals(0, init.exitCode(), init.err());

        StructType image = new StructType().add("bytes", DataTypes.BinaryType).add("path", DataTypes.StringType);
        StructType schema = new StructType().add("id", DataTypes.IntegerType).add("image", image);
        List<Row> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(fixture.resolve("images"))) {
            for (Path file : files.sorted().toList()) {
                rows.add(RowFactory.create(
                        rows.size(),
                        RowFactory.create(
                                Files.readAllBytes(file), file.getFileName().toString())));
            }
        }
        SparkSession spark = SparkSessions.start("FrameScorerTest");
        try {
            Dataset<Row> frame = spark.createDataFrame(rows, schema).repartition(3);
            Dataset<Row> scored = FrameScorer.score(
                    frame, "image", store.toString(), List.of(FrameScorer.ROOT), new FrameScorer.Options(3, true, 4));
            assertEquals(
                    List.of("id", "image", "task", "label", "label_name", "score", "top_k", "logits"),
                    List.of(scored.columns()));
            List<Row> out = scored.orderBy("id").collectAsList();
            assertEquals(16, out.size());
            for (Row row : out) {
                assertEquals("root", row.getAs("task"));
                assertEquals(3, row.<scala.collection.Seq<Row>>getAs("top_k").size());
                assertEquals(
                        10, row.<scala.collection.Seq<Float>>getAs("logits").size());
                int label = row.getAs("label");
                assertEquals(
                        label,
                        row.<scala.collection.Seq<Row>>getAs("top_k").apply(0).<Integer>getAs("label"));
            }
            UserError wrongColumn = assertThrows(
                    UserError.class,
                    () -> FrameScorer.score(
                            frame, "id", store.toString(), List.of(FrameScorer.ROOT), FrameScorer.Options.defaults()));
            assertTrue(
                    wrongColumn.getMessage().contains("column 'id' must hold image bytes"), wrongColumn.getMessage());

            // Parquet rows whose image has no path are named by their file and row index, the same on every run
            Path parquet = dir.resolve("plain-parquet");
            frame.select(org.apache.spark.sql.functions.col("image.bytes").as("image"))
                    .coalesce(2)
                    .write()
                    .parquet(parquet.toString());
            List<String> names = ImageFrames.read(spark, parquet.toString(), 1_000_000)
                    .select(ImageFrames.IMAGE)
                    .as(org.apache.spark.sql.Encoders.STRING())
                    .collectAsList();
            assertEquals(16, names.stream().distinct().count(), names.toString());
            assertTrue(names.stream().allMatch(n -> n.matches("part-[^/]*\\.parquet#[0-9]+")), names.toString());
            assertEquals(
                    names,
                    ImageFrames.read(spark, parquet.toString(), 1_000_000)
                            .select(ImageFrames.IMAGE)
                            .as(org.apache.spark.sql.Encoders.STRING())
                            .collectAsList());
        } finally {
            spark.stop();
        }
    }
}
