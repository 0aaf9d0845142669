package munet.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What a task dataset says about itself: its class names (label i is {@code classNames.get(i)}),
 * the columns holding the image and the label, and the carve that made the splits it lacked
 * (null when every split came with the data). Stored as {@code dataset.json} beside the Parquet
 * files; a Hugging Face export carries the same facts in its {@code huggingface} footer key.
 */
public record DatasetMetadata(List<String> classNames, String imageColumn, String labelColumn, SplitCarve carve) {

    public static final String FILE_NAME = "dataset.json";
    public static final String HUGGINGFACE_KEY = "huggingface";
    private static final int FORMAT_VERSION = 1;

    public DatasetMetadata {
        classNames = List.copyOf(classNames);
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException("a dataset needs at least one class");
        }
    }

    public static DatasetMetadata of(List<String> classNames) {
        return new DatasetMetadata(classNames, "image", "label", null);
    }

    public int numClasses() {
        return classNames.size();
    }

    public DatasetMetadata withCarve(SplitCarve newCarve) {
        return new DatasetMetadata(classNames, imageColumn, labelColumn, newCarve);
    }

    /**
     * Writes {@code dataset.json} into {@code dir}, past Hadoop's checksum layer: no {@code .crc}
     * file beside it, so that it can be edited by hand.
     */
    void writeTo(FileSystem fs, Path dir) throws IOException {
        try (OutputStream out = raw(fs).create(new Path(dir, FILE_NAME), false)) {
            out.write(toJson().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Reads a {@code dataset.json} written by {@link #writeTo} (perhaps edited by hand since). */
    static DatasetMetadata read(FileSystem fs, Path file) throws IOException {
        try (InputStream in = raw(fs).open(file)) {
            return fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), file.toString());
        }
    }

    private static FileSystem raw(FileSystem fs) {
        return fs instanceof ChecksumFileSystem c ? c.getRawFileSystem() : fs;
    }

    public String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("format", "munet-dataset");
        o.addProperty("version", FORMAT_VERSION);
        o.addProperty("numClasses", numClasses());
        o.add("classNames", names());
        o.addProperty("imageColumn", imageColumn);
        o.addProperty("labelColumn", labelColumn);
        if (carve != null) {
            JsonObject c = new JsonObject();
            c.addProperty("from", DatasetSplits.TRAIN);
            c.addProperty("validationFraction", carve.validationFraction());
            c.addProperty("testFraction", carve.testFraction());
            c.addProperty("seed", carve.seed());
            o.add("carvedSplits", c);
        }
        return o.toString();
    }

    /** The {@code huggingface} footer value, so that Hugging Face {@code datasets} sees the names. */
    public String toHuggingFaceJson() {
        JsonObject label = new JsonObject();
        label.add("names", names());
        label.addProperty("_type", "ClassLabel");
        JsonObject image = new JsonObject();
        image.addProperty("_type", "Image");
        JsonObject features = new JsonObject();
        features.add(imageColumn, image);
        features.add(labelColumn, label);
        JsonObject info = new JsonObject();
        info.add("features", features);
        JsonObject root = new JsonObject();
        root.add("info", info);
        return root.toString();
    }

    public static DatasetMetadata fromJson(String json, String origin) {
        try {
            JsonObject o = JsonParser.parseString(json).getAsJsonObject();
            int version = o.get("version").getAsInt();
            if (version > FORMAT_VERSION) {
                throw new IllegalArgumentException(origin + " has dataset format version " + version
                        + ", newer than this program reads (" + FORMAT_VERSION + "); upgrade munet");
            }
            List<String> names = strings(o.getAsJsonArray("classNames"));
            if (o.has("numClasses") && o.get("numClasses").getAsInt() != names.size()) {
                throw new IllegalArgumentException(origin + ": numClasses " + o.get("numClasses")
                        + " does not match the " + names.size() + " classNames");
            }
            SplitCarve carve = null;
            if (o.has("carvedSplits")) {
                JsonObject c = o.getAsJsonObject("carvedSplits");
                carve = new SplitCarve(
                        c.get("validationFraction").getAsDouble(),
                        c.get("testFraction").getAsDouble(),
                        c.get("seed").getAsLong());
            }
            return new DatasetMetadata(
                    names,
                    o.get("imageColumn").getAsString(),
                    o.get("labelColumn").getAsString(),
                    carve);
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException e) {
            throw new IllegalArgumentException(origin + " is not valid dataset metadata: " + e, e);
        }
    }

    /**
     * Reads a Hugging Face {@code huggingface} footer: the first {@code Image} feature is the image
     * column, the first {@code ClassLabel} feature the label column with its names.
     */
    public static DatasetMetadata fromHuggingFaceJson(String json, String origin) {
        try {
            JsonObject root = JsonParser.parseString(json).getAsJsonObject();
            JsonObject features = root.getAsJsonObject("info").getAsJsonObject("features");
            String image = null;
            String label = null;
            List<String> names = null;
            for (Map.Entry<String, JsonElement> f : features.entrySet()) {
                if (!f.getValue().isJsonObject()
                        || !f.getValue().getAsJsonObject().has("_type")) {
                    continue;
                }
                JsonObject feature = f.getValue().getAsJsonObject();
                String type = feature.get("_type").getAsString();
                if (image == null && type.equals("Image")) {
                    image = f.getKey();
                } else if (label == null && type.equals("ClassLabel") && feature.has("names")) {
                    label = f.getKey();
                    names = strings(feature.getAsJsonArray("names"));
                }
            }
            if (image == null || label == null) {
                throw new IllegalArgumentException(origin + ": the huggingface metadata has no "
                        + (image == null ? "Image" : "ClassLabel") + " feature; an image-classification "
                        + "dataset needs both");
            }
            return new DatasetMetadata(names, image, label, null);
        } catch (JsonParseException | IllegalStateException | NullPointerException | ClassCastException e) {
            throw new IllegalArgumentException(origin + " has unreadable huggingface metadata: " + e, e);
        }
    }

    private JsonArray names() {
        JsonArray a = new JsonArray();
        classNames.forEach(a::add);
        return a;
    }

    private static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        a.forEach(e -> out.add(e.getAsString()));
        return out;
    }
}
