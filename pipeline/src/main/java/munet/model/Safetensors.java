package munet.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The safetensors format: an 8-byte little-endian header length, a JSON header {@code {name:
 * {dtype, shape, data_offsets}, "__metadata__": {..}}}, then the raw little-endian data. Writes
 * float32; reads F32, F16 and BF16 into float32 (see {@link FloatEncoding}). Writing is deterministic (names in sorted order, data in that order,
 * header space-padded to 8 bytes), so equal tensors always give equal bytes and equal blob ids.
 */
public final class Safetensors {
    private static final String METADATA = "__metadata__";
    /** The reference implementation's bound: a longer header is a corrupt or hostile file. */
    static final long MAX_HEADER_BYTES = 100L << 20;

    private Safetensors() {}

    /** What a safetensors file holds. */
    public record Contents(SortedMap<String, Tensor> tensors, SortedMap<String, String> metadata) {}

    public static byte[] write(Map<String, Tensor> tensors, Map<String, String> metadata) {
        SortedMap<String, Tensor> sorted = new TreeMap<>(tensors);
        if (sorted.containsKey(METADATA)) {
            throw new IllegalArgumentException("a tensor cannot be named " + METADATA);
        }
        StringBuilder header = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            header.append(quote(METADATA)).append(":{");
            List<String> entries = new ArrayList<>();
            new TreeMap<>(metadata).forEach((key, value) -> entries.add(quote(key) + ":" + quote(value)));
            header.append(String.join(",", entries)).append("},");
        }
        long offset = 0;
        List<String> entries = new ArrayList<>();
        for (Map.Entry<String, Tensor> entry : sorted.entrySet()) {
            long end = offset + 4L * entry.getValue().data().length;
            entries.add(quote(entry.getKey()) + ":{\"dtype\":\"F32\",\"shape\":"
                    + Arrays.toString(entry.getValue().shape()).replace(" ", "") + ",\"data_offsets\":[" + offset + ","
                    + end + "]}");
            offset = end;
        }
        header.append(String.join(",", entries)).append('}');
        byte[] headerBytes = header.toString().getBytes(StandardCharsets.UTF_8);
        int padding = (8 - headerBytes.length % 8) % 8;
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(8 + headerBytes.length + padding + offset))
                .order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(headerBytes.length + padding).put(headerBytes);
        for (int i = 0; i < padding; i++) {
            out.put((byte) ' ');
        }
        for (Tensor tensor : sorted.values()) {
            for (float value : tensor.data()) {
                out.putFloat(value);
            }
        }
        return out.array();
    }

    /** Parses {@code bytes}; {@code source} names them in errors (e.g. the blob id). */
    public static Contents read(byte[] bytes, String source) throws IOException {
        if (bytes.length < 8) {
            throw new IOException(
                    source + ": not safetensors: " + bytes.length + " bytes, shorter than the 8-byte header length");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = in.getLong();
        if (headerLength > MAX_HEADER_BYTES || headerLength < 0) {
            throw new IOException(source + ": safetensors header length " + Long.toUnsignedString(headerLength)
                    + " is over the limit of " + MAX_HEADER_BYTES + " bytes (corrupt file, or not safetensors)");
        }
        if (headerLength < 2 || headerLength > bytes.length - 8) {
            throw new IOException(source + ": safetensors header length " + headerLength + " does not fit in "
                    + bytes.length + " bytes (truncated or corrupt file)");
        }
        JsonObject header;
        try {
            header = JsonParser.parseString(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8))
                    .getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(source + ": safetensors header is not a JSON object: " + e.getMessage(), e);
        }
        int dataStart = 8 + (int) headerLength;
        long dataLength = bytes.length - dataStart;
        SortedMap<String, String> metadata = new TreeMap<>();
        SortedMap<String, long[]> offsets = new TreeMap<>();
        SortedMap<String, Tensor> tensors = new TreeMap<>();
        for (Map.Entry<String, JsonElement> entry : header.entrySet()) {
            if (entry.getKey().equals(METADATA)) {
                try {
                    entry.getValue()
                            .getAsJsonObject()
                            .entrySet()
                            .forEach(m -> metadata.put(m.getKey(), m.getValue().getAsString()));
                } catch (RuntimeException e) {
                    throw new IOException(
                            source + ": safetensors " + METADATA + " must map strings to strings: " + e, e);
                }
                continue;
            }
            String name = entry.getKey();
            long[] shape;
            FloatEncoding encoding;
            long begin;
            long end;
            try {
                JsonObject info = entry.getValue().getAsJsonObject();
                String dtype = info.get("dtype").getAsString();
                encoding = FloatEncoding.ofSafetensors(dtype)
                        .orElseThrow(() -> new IOException(source + ": tensor " + name + " has dtype " + dtype
                                + "; only " + FloatEncoding.supported() + " can be read"));
                JsonArray dims = info.getAsJsonArray("shape");
                shape = new long[dims.size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = dims.get(i).getAsLong();
                }
                JsonArray range = info.getAsJsonArray("data_offsets");
                begin = range.get(0).getAsLong();
                end = range.get(1).getAsLong();
            } catch (IOException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new IOException(source + ": malformed safetensors entry for tensor " + name + ": " + e, e);
            }
            long count = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            if (Arrays.stream(shape).anyMatch(d -> d < 0)
                    || begin < 0
                    || end < begin
                    || end > dataLength
                    || end - begin != encoding.bytesPerValue() * count) {
                throw new IOException(
                        source + ": tensor " + name + " of shape " + Arrays.toString(shape) + " claims bytes ["
                                + begin + ", " + end + ") but the data section has " + dataLength
                                + " bytes and the shape needs "
                                + encoding.bytesPerValue() * count + " (truncated or corrupt file)");
            }
            float[] data = encoding.decode(bytes, dataStart + (int) begin, (int) count);
            offsets.put(name, new long[] {begin, end});
            tensors.put(name, new Tensor(shape, data));
        }
        checkTiling(offsets, dataLength, source);
        return new Contents(tensors, metadata);
    }

    /** The format requires the tensors to cover the data section exactly: no holes, no overlaps. */
    private static void checkTiling(SortedMap<String, long[]> offsets, long dataLength, String source)
            throws IOException {
        List<long[]> ranges = new ArrayList<>(offsets.values());
        ranges.sort((a, b) -> Long.compare(a[0], b[0]));
        long expected = 0;
        for (long[] range : ranges) {
            if (range[0] != expected) {
                throw new IOException(
                        source + ": safetensors data offsets overlap or leave a hole at byte " + expected);
            }
            expected = range[1];
        }
        if (expected != dataLength) {
            throw new IOException(
                    source + ": safetensors tensors cover " + expected + " data bytes but the file has " + dataLength);
        }
    }

    private static String quote(String text) {
        return new JsonPrimitive(text).toString();
    }
}
