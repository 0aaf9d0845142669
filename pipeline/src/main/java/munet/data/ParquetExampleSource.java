package munet.data;

import com.typesafe.config.Config;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;

/**
 * Decoded dataset splits for the trainer, read with {@link DatasetReader} (no Spark) and kept in
 * a least-recently-used cache so that the candidates of a generation running in one JVM decode a
 * split once. The bound is on decoded pixel bytes ({@code munet.data.cache-max-bytes}, width x
 * height x 3 per image): splits are evicted oldest-use first until the total fits, and a split
 * larger than the whole bound is returned without being cached.
 */
public final class ParquetExampleSource implements ExampleSource {
    private final long maxCachedBytes;
    private final ImageDecoder decoder;
    private final SplitCarve carveIfMissing;
    private final Configuration hadoop;
    private final Map<String, List<LabeledImage>> cache = new LinkedHashMap<>(16, 0.75f, true);
    // The layout and metadata of a dataset, found once for all its splits (datasets do not change).
    private final Map<String, DatasetReader> readers = new ConcurrentHashMap<>();
    private long cachedBytes;

    public ParquetExampleSource(long maxCachedBytes, long maxPixels, SplitCarve carveIfMissing) {
        this(maxCachedBytes, maxPixels, carveIfMissing, new Configuration());
    }

    /** {@code hadoop} opens the datasets: on a Spark executor, its configuration (spark.hadoop.*, e.g. S3A credentials). */
    public ParquetExampleSource(long maxCachedBytes, long maxPixels, SplitCarve carveIfMissing, Configuration hadoop) {
        this.maxCachedBytes = maxCachedBytes;
        this.decoder = new ImageDecoder(maxPixels);
        this.carveIfMissing = carveIfMissing;
        this.hadoop = hadoop;
    }

    public static ParquetExampleSource fromConfig(Config config) {
        return fromConfig(config, new Configuration());
    }

    public static ParquetExampleSource fromConfig(Config config, Configuration hadoop) {
        ImportOptions options = ImportOptions.fromConfig(config, false);
        return new ParquetExampleSource(
                config.getBytes("munet.data.cache-max-bytes"), options.maxPixels(), options.carve(), hadoop);
    }

    @Override
    public List<LabeledImage> examples(String datasetUri, String split) throws IOException {
        String key = datasetUri + "\n" + DatasetSplits.require(split);
        synchronized (cache) {
            List<LabeledImage> hit = cache.get(key);
            if (hit != null) {
                return hit;
            }
        }
        // Decoding happens outside the lock: two threads may decode the same split once each.
        List<LabeledImage> decoded = decode(datasetUri, split);
        long size = bytes(decoded);
        synchronized (cache) {
            if (size <= maxCachedBytes && !cache.containsKey(key)) {
                cache.put(key, decoded);
                cachedBytes += size;
                Iterator<List<LabeledImage>> oldest = cache.values().iterator();
                while (cachedBytes > maxCachedBytes) {
                    cachedBytes -= bytes(oldest.next());
                    oldest.remove();
                }
            }
        }
        return decoded;
    }

    /** The number of splits held, for tests and logs. */
    public int cachedSplits() {
        synchronized (cache) {
            return cache.size();
        }
    }

    private List<LabeledImage> decode(String datasetUri, String split) throws IOException {
        DatasetReader reader = readers.get(datasetUri);
        if (reader == null) {
            reader = DatasetReader.open(datasetUri, hadoop, carveIfMissing);
            readers.put(datasetUri, reader);
        }
        List<LabeledImage> out = new ArrayList<>();
        int classes = reader.metadata().numClasses();
        reader.forEach(split, (row, origin) -> {
            if (row.label() < 0 || row.label() >= classes) {
                throw new IOException(origin + ": label " + row.label() + " is outside [0, " + classes + ")");
            }
            out.add(decoder.decode(row.bytes(), (int) row.label(), origin));
        });
        if (out.isEmpty()) {
            throw new IOException("split '" + split + "' of dataset " + datasetUri + " is empty");
        }
        return List.copyOf(out);
    }

    private static long bytes(List<LabeledImage> images) {
        long total = 0;
        for (LabeledImage i : images) {
            total += i.rgb().length;
        }
        return total;
    }
}
