package munet.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The content of a version's {@code _COMMITTED} marker: the store format it was written in and
 * the SHA-256 of every table file, so a reader detects a newer format and a damaged table.
 */
record CommitMarker(int formatVersion, long version, Map<String, String> sha256) {

    CommitMarker {
        sha256 = Map.copyOf(sha256);
    }

    /** The marker of the files of version {@code version} now in {@code dir}. */
    static CommitMarker of(FileSystem fs, Path dir, long version, int formatVersion) throws IOException {
        Map<String, String> sums = new TreeMap<>();
        for (String file : VersionTables.FILES) {
            sums.put(file, checksum(fs, new Path(dir, file)));
        }
        return new CommitMarker(formatVersion, version, sums);
    }

    static CommitMarker read(FileSystem fs, Path file) throws IOException {
        try {
            CommitMarker marker = StoreJson.GSON.fromJson(StoreFiles.read(fs, file), CommitMarker.class);
            if (marker == null || marker.sha256() == null) {
                throw new IOException("empty");
            }
            return marker;
        } catch (IOException | RuntimeException e) {
            throw new IOException("invalid commit marker " + file + ": " + e.getMessage(), e);
        }
    }

    String toJson() {
        return StoreJson.GSON.toJson(this);
    }

    /** Fails naming the first file of {@code dir} whose bytes differ from what was committed. */
    void verify(FileSystem fs, Path dir) throws IOException {
        for (String file : VersionTables.FILES) {
            Path path = new Path(dir, file);
            if (!fs.exists(path)) {
                throw new IOException("committed file " + path + " is missing; restore it or load an older version");
            }
            if (!checksum(fs, path).equals(sha256.get(file))) {
                throw new IOException("file " + path + " does not match its checksum in " + SystemStore.MARKER
                        + " (corrupt or truncated); restore it or load an older version");
            }
        }
    }

    /** A read that ends early is an error, not a checksum: a marker must never record a half-read file. */
    private static String checksum(FileSystem fs, Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            byte[] bytes = in.readAllBytes();
            long length = fs.getFileStatus(file).getLen();
            if (bytes.length != length) {
                throw new IOException("read " + bytes.length + " of its " + length + " bytes");
            }
            return BlobStore.idOf(bytes);
        } catch (IOException e) {
            throw new IOException("cannot read committed file " + file + " (corrupt?): " + e.getMessage(), e);
        }
    }
}
