package munet.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import munet.data.DatasetReader;
import munet.data.LabeledImage;
import munet.data.ParquetExampleSource;
import munet.data.PngBytes;
import munet.jobs.cli.ImportDatasetCommand;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dataset in the Hugging Face image layout written by Spark's own Parquet writer (explicit
 * schema, a split column, class names in dataset.json beside it) is read by the plain reader,
 * by {@link DatasetFrames}, and imported by the import-dataset command.
 */
class DatasetFramesTest {
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder()
                .master("local[1]")
                .appName("DatasetFramesTest")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "1")
                .getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private static byte[] png(int grey) {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, grey << 16 | grey << 8 | grey);
        return PngBytes.of(image);
    }

    private String writeWithSpark() throws Exception {
        StructType image = new StructType().add("bytes", DataTypes.BinaryType).add("path", DataTypes.StringType);
        StructType schema = new StructType()
                .add("image", image)
                .add("label", DataTypes.LongType)
                .add("split", DataTypes.StringType);
        List<Row> rows = new ArrayList<>();
        String[] splits = {"train", "train", "train", "validation", "test", "train"};
        for (int i = 0; i < splits.length; i++) {
            rows.add(RowFactory.create(RowFactory.create(png(i * 40), i + ".png"), (long) (i % 3), splits[i]));
        }
        String out = dir.resolve("spark").toString();
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(out);
        Files.writeString(
                dir.resolve("spark/dataset.json"),
                "{\"version\": 1, \"classNames\": "
                        + "[\"zero\", \"one\", \"two\"], \"imageColumn\": \"image\", \"labelColumn\": \"label\"}");
        return out;
    }

    @Test
    void sparkWrittenDatasetIsReadByBothReaders() throws Exception {
        String ds = writeWithSpark();
        DatasetReader reader = DatasetFrames.reader(spark, ds, ConfigFactory.load());
        assertEquals(List.of("zero", "one", "two"), reader.metadata().classNames());
        assertTrue(reader.layout().splitColumn());

        Dataset<Row> train = DatasetFrames.split(spark, ds, "train", ConfigFactory.load());
        assertEquals(List.of("image", "label"), List.of(train.columns()));
        assertEquals(
                List.of(0L, 1L, 2L, 2L),
                train.orderBy("image.path")
                        .select("label")
                        .as(org.apache.spark.sql.Encoders.LONG())
                        .collectAsList());

        List<LabeledImage> test = new ParquetExampleSource(
                        1 << 20,
                        100,
                        munet.data.ImportOptions.fromConfig(ConfigFactory.load(), false)
                                .carve())
                .examples(ds, "test");
        assertEquals(1, test.size());
        assertEquals(1, test.get(0).label());
        assertEquals((byte) 160, test.get(0).rgb()[0]);
    }

    @Test
    void importedDatasetIsReadBackThroughSpark() throws Exception {
        String ds = writeWithSpark();
        String out = dir.resolve("imported").toString();
        int code = new ImportDatasetCommand().run(List.of("--format", "parquet", "--input", ds, "--output", out));
        assertEquals(0, code);
        Dataset<Row> validation = DatasetFrames.split(spark, out, "validation", ConfigFactory.load());
        Row row = validation.first();
        assertEquals("3.png", row.getStruct(0).getString(1));
        assertEquals(0L, row.getLong(1));
        assertEquals(
                4,
                DatasetFrames.split(spark, out, "train", ConfigFactory.load()).count());
    }

    @Test
    void splitCarvedOnTheFlyIsRefusedWithAFix() throws Exception {
        String ds = writeWithSpark();
        spark.read()
                .parquet(ds + "/*.parquet")
                .filter("split != 'validation'")
                .coalesce(1)
                .write()
                .parquet(dir.resolve("noval").toString());
        Files.copy(dir.resolve("spark/dataset.json"), dir.resolve("noval/dataset.json"));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> DatasetFrames.split(spark, dir.resolve("noval").toString(), "validation", ConfigFactory.load()));
        assertTrue(e.getMessage().contains("import-dataset"), e.getMessage());
    }
}
