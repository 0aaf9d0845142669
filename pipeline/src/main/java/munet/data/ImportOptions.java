package munet.data;

import com.typesafe.config.Config;

/**
 * How an import treats its input: the pixel limit per image, whether corrupt images are skipped
 * (and counted) instead of failing the import, and the seeded carve for missing splits.
 */
public record ImportOptions(long maxPixels, boolean skipCorrupt, SplitCarve carve) {

    /** Reads {@code munet.data.max-image-pixels}, {@code munet.data.carve.*}. */
    public static ImportOptions fromConfig(Config config, boolean skipCorrupt) {
        Config data = config.getConfig("munet.data");
        return new ImportOptions(
                data.getLong("max-image-pixels"),
                skipCorrupt,
                new SplitCarve(
                        data.getDouble("carve.validation-fraction"),
                        data.getDouble("carve.test-fraction"),
                        data.getLong("carve.seed")));
    }
}
