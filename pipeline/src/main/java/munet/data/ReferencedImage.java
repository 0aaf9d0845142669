package munet.data;

import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Loads an image that a row names by {@code path} instead of embedding its bytes (allowed by the
 * Hugging Face layout). The path must stay inside the table's folder: absolute paths, {@code ..}
 * steps and symbolic links that lead outside are refused, so a table cannot read arbitrary files.
 */
final class ReferencedImage {
    private ReferencedImage() {}

    static byte[] read(Path tableFolder, String path, Configuration conf, String origin) throws IOException {
        if (path == null || path.isEmpty()) {
            throw new ImageDecoder.CorruptImageException(origin + ": neither image bytes nor a path");
        }
        if (path.startsWith("/")
                || path.contains(":")
                || path.contains("\\")
                || java.util.Arrays.asList(path.split("/")).contains("..")) {
            throw new IOException(origin + ": image path '" + path + "' leaves the folder of the table " + tableFolder
                    + "; only relative paths inside it are read");
        }
        Path file = new Path(tableFolder, path);
        FileSystem fs = file.getFileSystem(conf);
        if ("file".equals(fs.getUri().getScheme())) {
            java.nio.file.Path base =
                    java.nio.file.Path.of(fs.makeQualified(tableFolder).toUri());
            java.nio.file.Path target =
                    java.nio.file.Path.of(fs.makeQualified(file).toUri());
            if (!target.toRealPath().startsWith(base.toRealPath())) {
                throw new IOException(origin + ": image path '" + path + "' is a link leading outside " + tableFolder
                        + "; copy the image inside the folder instead");
            }
        }
        try (InputStream in = fs.open(file)) {
            return in.readAllBytes();
        }
    }
}
