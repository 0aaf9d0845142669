package munet.data;

import java.io.IOException;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;

/** Converts a dataset in a user's format into the task dataset format, all or nothing. */
public interface DatasetImporter {

    /** Writes the dataset to {@code output} (which must not exist) and reports what it wrote. */
    ImportReport importTo(String output, Configuration conf) throws IOException;

    /** The input formats {@code import-dataset} understands. */
    enum Format {
        IMAGE_FOLDER,
        CIFAR10,
        CIFAR100,
        PARQUET;

        /** The name on the command line: image-folder, cifar10, cifar100, parquet. */
        public String cliName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Format parse(String name) {
            for (Format f : values()) {
                if (f.cliName().equals(name)) {
                    return f;
                }
            }
            throw new IllegalArgumentException(
                    "unknown dataset format '" + name + "'; expected image-folder, cifar10, cifar100 or parquet");
        }
    }

    static DatasetImporter of(Format format, String input, ImportOptions options) {
        return switch (format) {
            case IMAGE_FOLDER -> new ImageFolderImporter(java.nio.file.Path.of(input), options);
            case CIFAR10 -> new CifarImporter(java.nio.file.Path.of(input), CifarImporter.Variant.CIFAR10, options);
            case CIFAR100 -> new CifarImporter(java.nio.file.Path.of(input), CifarImporter.Variant.CIFAR100, options);
            case PARQUET -> new ParquetTableImporter(input, options);
        };
    }
}
