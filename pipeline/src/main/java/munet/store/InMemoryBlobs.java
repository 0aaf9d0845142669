package munet.store;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Blobs held in this JVM's heap: the store of embedded runs, benchmarks and tests. Thread-safe. */
public final class InMemoryBlobs implements Blobs {
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();

    @Override
    public byte[] read(String id) throws IOException {
        byte[] bytes = blobs.get(id);
        if (bytes == null) {
            throw new IOException("blob " + id + " is not in the in-memory store (" + blobs.size() + " blobs)");
        }
        return bytes.clone();
    }

    @Override
    public String write(byte[] bytes) {
        String id = idOf(bytes);
        blobs.putIfAbsent(id, bytes.clone());
        return id;
    }

    public int size() {
        return blobs.size();
    }

    /** The content id of {@code bytes}: lowercase hex SHA-256. */
    public static String idOf(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
