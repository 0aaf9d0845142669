package munet.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;
import munet.system.Component;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@link Blobs} as files {@code <store>/blobs/<sha256>.safetensors} on a Hadoop FileSystem. A
 * write goes to a hidden temporary name and is renamed, so a blob is visible under its id only
 * once complete; every read is checked against the id.
 */
public final class BlobStore implements Blobs {
    static final String SUFFIX = ".safetensors";
    /** Prefix of blobs being written; hidden from Hadoop and Spark listings. */
    static final String TEMP_PREFIX = ".tmp-";

    private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

    private final FileSystem fs;
    private final Path dir;

    public BlobStore(FileSystem fs, Path storeRoot) {
        this.fs = fs;
        this.dir = new Path(storeRoot, "blobs");
    }

    /** The content id of {@code bytes}: lowercase hex SHA-256. */
    public static String idOf(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    public static boolean isBlobId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    Path directory() {
        return dir;
    }

    public Path pathOf(String id) {
        if (!isBlobId(id)) {
            throw new IllegalArgumentException("'" + id + "' is not a blob id (64 lowercase hex digits of a SHA-256)");
        }
        return new Path(dir, id + SUFFIX);
    }

    public boolean exists(String id) throws IOException {
        return fs.exists(pathOf(id));
    }

    @Override
    public String write(byte[] bytes) throws IOException {
        String id = idOf(bytes);
        Path target = pathOf(id);
        if (fs.exists(target)) {
            return id;
        }
        Path temp = new Path(dir, TEMP_PREFIX + UUID.randomUUID() + "-" + id + SUFFIX);
        try (OutputStream out = fs.create(temp, false)) {
            out.write(bytes);
        }
        // A concurrent writer of the same bytes may win the rename; its blob is the same.
        if (!fs.rename(temp, target)) {
            fs.delete(temp, false);
            if (!fs.exists(target)) {
                throw new IOException("cannot rename blob " + temp + " to " + target);
            }
        }
        return id;
    }

    @Override
    public byte[] read(String id) throws IOException {
        Path file = pathOf(id);
        byte[] bytes;
        try (InputStream in = fs.open(file)) {
            bytes = in.readAllBytes();
        } catch (java.io.FileNotFoundException e) {
            throw new BadBlobException(id, "blob " + id + " is missing from " + dir);
        } catch (IOException e) {
            throw new BadBlobException(id, "blob " + file + " cannot be read (corrupt?): " + e.getMessage());
        }
        String actual = idOf(bytes);
        if (!actual.equals(id)) {
            throw new BadBlobException(id, "blob " + file + " is corrupt: its bytes hash to " + actual);
        }
        return bytes;
    }

    /** The blob of {@code component}; a failure names the component and the tasks that use it. */
    public byte[] read(Component component) throws IOException {
        try {
            return read(component.id());
        } catch (BadBlobException e) {
            throw new BadBlobException(
                    component.id(),
                    "component " + component.name() + " used by tasks " + component.sortedOwners() + ": "
                            + e.getMessage() + "; restore the blob or re-run the tasks that made it");
        }
    }
}
