package munet.jobs.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import munet.data.DatasetMetadata;
import munet.data.ImageDecoder;
import munet.jobs.UserError;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * The images to predict as a DataFrame of {@code image} (a name for the output: the image's
 * path, or its Parquet file and row) and {@code bytes}. Reads a dataset folder in our format or
 * a Hugging Face Parquet export (every {@code .parquet} file under the input, any split), or a
 * folder of PNG / JPEG / WebP files at any depth. Image files are turned upright by their EXIF
 * orientation as {@code import-dataset} stores them ({@link ImageDecoder#upright}), so a photo is
 * seen as its task's training images were; Parquet rows are scored as stored, as training reads them.
 */
public final class ImageFrames {
    public static final String IMAGE = "image";
    public static final String BYTES = "bytes";
    private static final Pattern IMAGE_FILE = Pattern.compile("(?i).*\\.(png|jpe?g|webp)");

    private ImageFrames() {}

    /** The images under {@code input}; {@code maxPixels} bounds the image files turned upright. */
    public static Dataset<Row> read(SparkSession spark, String input, long maxPixels) throws IOException {
        Path root = new Path(input);
        FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.exists(root)) {
            throw new UserError("input " + input + " does not exist");
        }
        Path base = fs.makeQualified(root);
        List<String> parquet = new ArrayList<>();
        int images = 0;
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(base, true);
        while (files.hasNext()) {
            Path file = files.next().getPath();
            String name = file.getName();
            if (name.endsWith(".parquet") && !hidden(base, file)) {
                parquet.add(file.toString());
            } else if (IMAGE_FILE.matcher(name).matches() && !hidden(base, file)) {
                images++;
            }
        }
        if (!parquet.isEmpty()) {
            parquet.sort(null);
            return parquetRows(spark, parquet, base, imageColumn(fs, base));
        }
        if (images == 0) {
            throw new UserError(
                    "input " + input + " holds no .parquet files and no .png / .jpg / .jpeg / .webp images");
        }
        return spark.read()
                .format("binaryFile")
                .option("recursiveFileLookup", "true")
                .option("pathGlobFilter", "*.{png,PNG,jpg,JPG,jpeg,JPEG,webp,WEBP}")
                .load(base.toString())
                .select(
                        relative(col("path"), base).as(IMAGE),
                        upright(maxPixels, col("content")).as(BYTES));
    }

    private static Column upright(long maxPixels, Column bytes) {
        UserDefinedFunction upright = udf(
                (UDF1<byte[], byte[]>) image -> {
                    try {
                        return new ImageDecoder(maxPixels).upright(image, "image");
                    } catch (IOException | IllegalArgumentException e) {
                        return image; // the scorer decodes it again and fails naming the image
                    }
                },
                DataTypes.BinaryType);
        return upright.apply(bytes);
    }

    /**
     * Rows of Parquet files: the image struct's path when it has one, else the file (relative to
     * the input) and the row's index in it, which names the same row on every run.
     */
    private static Dataset<Row> parquetRows(SparkSession spark, List<String> files, Path base, String imageColumn) {
        Dataset<Row> rows = spark.read().parquet(files.toArray(String[]::new));
        if (!List.of(rows.columns()).contains(imageColumn)) {
            throw new UserError("the Parquet files under " + base + " have no column '" + imageColumn + "'; columns: "
                    + List.of(rows.columns()));
        }
        Column position = concat(
                relative(col("_metadata.file_path"), base),
                lit("#"),
                col("_metadata.row_index").cast("string"));
        Column image = col(imageColumn);
        Column bytes = image;
        Column name = position;
        if (rows.schema().apply(imageColumn).dataType() instanceof org.apache.spark.sql.types.StructType) {
            bytes = image.getField("bytes");
            Column path = image.getField("path");
            name = when(path.isNotNull().and(path.notEqual("")), path).otherwise(position);
        }
        return rows.select(name.as(IMAGE), bytes.as(BYTES));
    }

    /** The image column dataset.json names, else the Hugging Face default {@code image}. */
    private static String imageColumn(FileSystem fs, Path base) throws IOException {
        Path metadata = new Path(base, DatasetMetadata.FILE_NAME);
        if (!fs.exists(metadata)) {
            return IMAGE;
        }
        try (InputStream in = fs.open(metadata)) {
            return DatasetMetadata.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), metadata.toString())
                    .imageColumn();
        }
    }

    /** Spark skips files and folders starting with '.' or '_'; so does this listing. */
    private static boolean hidden(Path base, Path file) {
        for (Path p = file; p != null && !p.equals(base); p = p.getParent()) {
            if (p.getName().startsWith(".") || p.getName().startsWith("_")) {
                return true;
            }
        }
        return false;
    }

    private static Column relative(Column uri, Path base) {
        String prefix = base.toString().endsWith("/") ? base.toString() : base + "/";
        // file:/x and file:///x name the same file; Spark writes the latter
        Column normalised = regexp_replace(uri, "^file:///", "file:/");
        return regexp_replace(normalised, "^" + Pattern.quote(prefix.replaceFirst("^file:///", "file:/")), "");
    }
}
