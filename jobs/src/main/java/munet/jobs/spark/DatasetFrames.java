package munet.jobs.spark;

import static org.apache.spark.sql.functions.col;

import com.typesafe.config.Config;
import java.io.IOException;
import munet.data.DatasetLayout;
import munet.data.DatasetReader;
import munet.data.DatasetSplits;
import munet.data.ImportOptions;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A task dataset split as a Spark DataFrame with columns {@code image struct<bytes, path>} and
 * {@code label bigint}, whatever layout and column names the files use; class names come from
 * {@link #reader}. Splits carved on the fly (datasets not imported) are refused: Spark gives no
 * stable row order to carve by, so import such a dataset first.
 */
public final class DatasetFrames {
    private DatasetFrames() {}

    /** The plain reader of the dataset, for its metadata (class names, number of classes). */
    public static DatasetReader reader(SparkSession spark, String datasetUri, Config config) throws IOException {
        return reader(spark.sparkContext().hadoopConfiguration(), datasetUri, config);
    }

    /** The same without a session, as the driver reads task metadata before Spark starts. */
    static DatasetReader reader(Configuration hadoop, String datasetUri, Config config) throws IOException {
        return DatasetReader.open(
                datasetUri, hadoop, ImportOptions.fromConfig(config, false).carve());
    }

    public static Dataset<Row> split(SparkSession spark, String datasetUri, String split, Config config)
            throws IOException {
        DatasetReader reader = reader(spark, datasetUri, config);
        DatasetSplits.require(split);
        if (reader.carves(split)) {
            throw new IllegalArgumentException("dataset " + datasetUri + " has no " + split
                    + " split of its own; run munet import-dataset --format parquet on it first");
        }
        DatasetLayout layout = reader.layout();
        Dataset<Row> rows = spark.read()
                .parquet(layout.files(split).stream().map(Object::toString).toArray(String[]::new));
        if (layout.splitColumn()) {
            rows = rows.filter(col(DatasetLayout.SPLIT_COLUMN).equalTo(split));
        }
        return rows.select(
                col(reader.metadata().imageColumn()).as("image"),
                col(reader.metadata().labelColumn()).cast("long").as("label"));
    }
}
