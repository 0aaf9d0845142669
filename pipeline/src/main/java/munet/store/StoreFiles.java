package munet.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Store files that are replaced whole: checkpoints, candidate results, commit markers, history files. */
final class StoreFiles {
    private StoreFiles() {}

    /** Writes a whole file at the (temporary) path it is given. */
    @FunctionalInterface
    interface Content {
        void writeTo(Path file) throws IOException;
    }

    /** {@link #replace(FileSystem, Path, LeaseFence, Content)} with a UTF-8 text. */
    static void replace(FileSystem fs, Path target, LeaseFence fence, String text) throws IOException {
        replace(fs, target, fence, file -> {
            try (OutputStream out = fs.create(file, true)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    /**
     * Writes {@code content} to a hidden temporary name beside {@code target} and renames it into
     * place, replacing any file there, so a reader never sees a half-written file. {@code fence}
     * is checked before each: a job that lost the store's lease changes nothing (or, losing it
     * meanwhile, leaves only its temporary file, which the next write of the file replaces).
     */
    static void replace(FileSystem fs, Path target, LeaseFence fence, Content content) throws IOException {
        Path temp = new Path(target.getParent(), "." + target.getName() + ".tmp");
        fence.verifyHeld();
        content.writeTo(temp);
        fence.verifyHeld();
        fs.delete(target, false);
        if (!fs.rename(temp, target)) {
            throw new IOException("cannot rename " + temp + " to " + target);
        }
    }

    static String read(FileSystem fs, Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
