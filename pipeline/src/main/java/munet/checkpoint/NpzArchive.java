package munet.checkpoint;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import munet.model.FloatEncoding;
import munet.model.Tensor;

/**
 * Reads a numpy {@code .npz}: a zip (stored or deflated) of {@code .npy} arrays, each a magic
 * string, a version, a header that is a Python dict literal ({@code descr}, {@code
 * fortran_order}, {@code shape}) and the raw data. Only what a checkpoint needs is read:
 * little-endian float32 / float16, in C or Fortran order. Headers are bounded, and data is buffered only as
 * it actually arrives, so a corrupt or hostile size claim fails as a truncated file instead of
 * allocating what it claims.
 */
final class NpzArchive {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** numpy itself refuses headers over 10 kB by default; a generous bound for shapes of any rank. */
    static final int MAX_HEADER_BYTES = 64 * 1024;

    private NpzArchive() {}

    /** Every array of {@code bytes}, by entry name without {@code .npy}; {@code source} names the file in errors. */
    static SortedMap<String, Tensor> read(byte[] bytes, String source) throws IOException {
        SortedMap<String, Tensor> arrays = new TreeMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String name = entry.getName();
                if (entry.isDirectory()) {
                    continue;
                }
                if (!name.endsWith(".npy")) {
                    throw new IOException(
                            source + ": entry " + name + " is not a .npy array; not a numpy .npz checkpoint");
                }
                Tensor tensor = readArray(zip, source + " array " + name);
                arrays.put(name.substring(0, name.length() - ".npy".length()), tensor);
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new IOException(
                    source + ": not a readable .npz (zip) file, truncated or corrupt: " + e.getMessage(), e);
        }
        if (arrays.isEmpty()) {
            throw new IOException(source + ": holds no arrays; not a numpy .npz checkpoint (truncated or empty file?)");
        }
        return arrays;
    }

    private static Tensor readArray(InputStream in, String source) throws IOException {
        byte[] prefix = readExactly(in, MAGIC.length + 2, source);
        if (!Arrays.equals(Arrays.copyOf(prefix, MAGIC.length), MAGIC)) {
            throw new IOException(source + ": not a .npy array (no NUMPY magic)");
        }
        int major = prefix[MAGIC.length];
        int headerLength;
        if (major == 1) {
            headerLength = ByteBuffer.wrap(readExactly(in, 2, source))
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .getShort()
                    & 0xffff;
        } else if (major == 2 || major == 3) {
            headerLength = ByteBuffer.wrap(readExactly(in, 4, source))
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .getInt();
        } else {
            throw new IOException(source + ": .npy format version " + major + " is not supported (1, 2 or 3)");
        }
        if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
            throw new IOException(source + ": .npy header of " + Integer.toUnsignedString(headerLength)
                    + " bytes is over the limit of " + MAX_HEADER_BYTES + " (corrupt file)");
        }
        NpyHeader header =
                NpyHeader.parse(new String(readExactly(in, headerLength, source), StandardCharsets.ISO_8859_1), source);
        long count = 1;
        long dataBytes;
        try {
            for (long dim : header.shape()) {
                count = Math.multiplyExact(count, dim);
            }
            dataBytes = Math.multiplyExact(count, header.encoding().bytesPerValue());
        } catch (ArithmeticException e) {
            throw new IOException(
                    source + ": shape " + Arrays.toString(header.shape()) + " overflows (corrupt file)", e);
        }
        if (dataBytes > Integer.MAX_VALUE - 8) {
            throw new IOException(source + ": array of shape " + Arrays.toString(header.shape()) + " claims "
                    + dataBytes + " bytes, over the 2 GB an array may hold here (corrupt file?)");
        }
        byte[] data = readExactly(in, (int) dataBytes, source);
        if (in.read() != -1) {
            throw new IOException(source + ": more bytes than its shape " + Arrays.toString(header.shape())
                    + " needs (corrupt file)");
        }
        float[] values = header.encoding().decode(data, 0, (int) count);
        return new Tensor(header.shape(), header.fortranOrder() ? toRowMajor(values, header.shape()) : values);
    }

    /**
     * numpy saves a transposed view (e.g. {@code kernel.T}) in Fortran order: column-major, the
     * first index fastest. That is the row-major array of the reversed shape, so reversing its
     * axes gives the row-major values.
     */
    static float[] toRowMajor(float[] columnMajor, long[] shape) {
        int rank = shape.length;
        float[] out = new float[columnMajor.length];
        int[] index = new int[rank];
        for (int flat = 0; flat < out.length; flat++) {
            // flat is the row-major position of index; its column-major position has the first index fastest
            int source = 0;
            for (int d = rank - 1; d >= 0; d--) {
                source = source * (int) shape[d] + index[d];
            }
            out[flat] = columnMajor[source];
            for (int d = rank - 1; d >= 0; d--) {
                if (++index[d] < shape[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
        return out;
    }

    private static byte[] readExactly(InputStream in, int length, String source) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(length, 1 << 20));
        byte[] buffer = new byte[8192];
        int remaining = length;
        while (remaining > 0) {
            int read = in.read(buffer, 0, Math.min(buffer.length, remaining));
            if (read < 0) {
                throw new IOException(
                        source + ": ends after " + (length - remaining) + " of " + length + " bytes (truncated file)");
            }
            out.write(buffer, 0, read);
            remaining -= read;
        }
        return out.toByteArray();
    }

    /** The fields of a .npy header that matter here. */
    private record NpyHeader(FloatEncoding encoding, long[] shape, boolean fortranOrder) {

        /**
         * The header is a Python literal like {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }};
         * rewritten to JSON (quotes, booleans, tuples) it parses with Gson.
         */
        static NpyHeader parse(String text, String source) throws IOException {
            String json = text.trim()
                    .replace('\'', '"')
                    .replace("False", "false")
                    .replace("True", "true")
                    .replace('(', '[')
                    .replace(')', ']')
                    .replaceAll(",\\s*([}\\]])", "$1");
            String descr;
            boolean fortran;
            long[] shape;
            try {
                var object = JsonParser.parseString(json).getAsJsonObject();
                descr = object.get("descr").getAsString();
                fortran = object.get("fortran_order").getAsBoolean();
                JsonArray dims = object.getAsJsonArray("shape");
                shape = new long[dims.size()];
                int i = 0;
                for (JsonElement dim : dims) {
                    shape[i++] = dim.getAsLong();
                }
            } catch (RuntimeException e) {
                throw new IOException(
                        source + ": unreadable .npy header " + text.trim() + " (" + e.getMessage() + ")", e);
            }
            if (Arrays.stream(shape).anyMatch(d -> d < 0)) {
                throw new IOException(source + ": negative dimension in shape " + Arrays.toString(shape));
            }
            FloatEncoding encoding = switch (descr) {
                case "<f4" -> FloatEncoding.F32;
                case "<f2" -> FloatEncoding.F16;
                default ->
                    throw new IOException(source + ": dtype " + descr + " is not supported; only float32 (<f4) and"
                            + " float16 (<f2, converted to float32) can be read");
            };
            return new NpyHeader(encoding, shape, fortran);
        }
    }
}
