package munet.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.PositionedReadable;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.Seekable;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * The local disk under the scheme {@code faulty:}, failing one chosen operation: a create, a
 * write (the stream fails when closed, after some bytes reached the disk), a rename (returns
 * false, as HDFS does), a delete, or a short read (a file that ends halfway). {@link #arm} picks
 * the operation and a path fragment; the first matching call fails, later ones pass, as after a
 * transient fault. One rule at a time, for the whole JVM: the tests using it do not run in parallel.
 */
public final class FaultyFileSystem extends RawLocalFileSystem {
    public static final String SCHEME = "faulty";

    /** The operations a fault can hit. */
    public enum Operation {
        CREATE,
        WRITE,
        RENAME,
        DELETE,
        SHORT_READ
    }

    private record Rule(Operation operation, String pathFragment) {}

    private static volatile Rule rule;
    private static final AtomicInteger FIRED = new AtomicInteger();

    /** A Hadoop configuration in which {@code faulty:} paths reach this file system. */
    public static Configuration configuration() {
        Configuration conf = new Configuration();
        conf.set("fs." + SCHEME + ".impl", FaultyFileSystem.class.getName());
        conf.setBoolean("fs." + SCHEME + ".impl.disable.cache", true);
        return conf;
    }

    /** The next {@code operation} on a path containing {@code pathFragment} fails. */
    public static void arm(Operation operation, String pathFragment) {
        FIRED.set(0);
        rule = new Rule(operation, pathFragment);
    }

    /** How many faults fired since {@link #arm} (0 or 1). */
    public static int fired() {
        return FIRED.get();
    }

    public static void disarm() {
        rule = null;
    }

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    private static boolean fires(Operation operation, Path path) {
        Rule current = rule;
        if (current != null
                && current.operation() == operation
                && path.toString().contains(current.pathFragment())) {
            rule = null;
            FIRED.incrementAndGet();
            return true;
        }
        return false;
    }

    /** Every create of RawLocalFileSystem ends here. */
    @Override
    protected OutputStream createOutputStreamWithMode(Path f, boolean append, FsPermission permission)
            throws IOException {
        if (fires(Operation.CREATE, f)) {
            throw new IOException("injected fault: cannot create " + f);
        }
        OutputStream out = super.createOutputStreamWithMode(f, append, permission);
        if (!fires(Operation.WRITE, f)) {
            return out;
        }
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
            }

            @Override
            public void close() throws IOException {
                out.close();
                throw new IOException("injected fault: write to " + f + " failed");
            }
        };
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
        return !fires(Operation.RENAME, dst) && super.rename(src, dst);
    }

    @Override
    public boolean delete(Path p, boolean recursive) throws IOException {
        if (fires(Operation.DELETE, p)) {
            throw new IOException("injected fault: cannot delete " + p);
        }
        return super.delete(p, recursive);
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
        if (!fires(Operation.SHORT_READ, f)) {
            return super.open(f, bufferSize);
        }
        byte[] whole;
        try (FSDataInputStream in = super.open(f, bufferSize)) {
            whole = in.readAllBytes();
        }
        return new FSDataInputStream(new ShortStream(java.util.Arrays.copyOf(whole, whole.length / 2)));
    }

    /** The first half of a file, seekable as Hadoop's readers need. */
    private static final class ShortStream extends ByteArrayInputStream implements Seekable, PositionedReadable {
        ShortStream(byte[] bytes) {
            super(bytes);
        }

        @Override
        public void seek(long position) throws IOException {
            if (position > count) {
                throw new java.io.EOFException("seek to " + position + " past the end " + count);
            }
            pos = (int) position;
        }

        @Override
        public long getPos() {
            return pos;
        }

        @Override
        public boolean seekToNewSource(long targetPos) {
            return false;
        }

        @Override
        public int read(long position, byte[] buffer, int offset, int length) {
            if (position >= count) {
                return -1;
            }
            int n = (int) Math.min(length, count - position);
            System.arraycopy(buf, (int) position, buffer, offset, n);
            return n;
        }

        @Override
        public void readFully(long position, byte[] buffer, int offset, int length) throws IOException {
            if (read(position, buffer, offset, length) < length) {
                throw new java.io.EOFException("short read at " + position);
            }
        }

        @Override
        public void readFully(long position, byte[] buffer) throws IOException {
            readFully(position, buffer, 0, buffer.length);
        }
    }
}
