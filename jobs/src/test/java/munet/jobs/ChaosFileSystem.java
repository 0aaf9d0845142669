package munet.jobs;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * The local disk under the scheme {@code chaos:} (registered through META-INF/services), telling
 * {@link KillPoint} when a store or dataset file operation that ChaosKillIT can stop at has just
 * happened: a file written whole (before it is renamed into place), a rename done, a test split
 * opened. Each point is named by what it is in the run (a blob's id, a candidate, a task and
 * generation), never by a count, so a point means the same in a resumed JVM as in the first.
 */
public final class ChaosFileSystem extends RawLocalFileSystem {
    public static final String SCHEME = "chaos";

    /** A point's name from a path's match. */
    private record Rule(Pattern path, Function<Matcher, String> point) {
        String pointOf(Path file) {
            Matcher m = path.matcher(file.toUri().getPath());
            return m.find() ? point.apply(m) : null;
        }
    }

    private static final Pattern CHECKPOINT_STATE =
            Pattern.compile("\"task\":\"([^\"]+)\",\"pass\":(\\d+),\"nextGeneration\":(\\d+)");

    /** Files closed after writing, before a rename makes them visible (or, for version tables, as written). */
    private static final List<Rule> WRITTEN = List.of(
            new Rule(
                    Pattern.compile("/blobs/\\.tmp-.*-([0-9a-f]{12})[0-9a-f]{52}\\.safetensors$"),
                    m -> "blob-written " + m.group(1)),
            new Rule(
                    Pattern.compile(
                            "/history/candidates/task=([^/]+)/pass=(\\d+)/\\.generation-0*(\\d+)\\.parquet\\.tmp$"),
                    m -> "history-written " + m.group(1) + "/p" + m.group(2) + "/g" + m.group(3)),
            new Rule(
                    Pattern.compile("/versions/(\\d+)/([^./][^/]*)$"),
                    m -> "table-written v" + m.group(1) + "/" + m.group(2)),
            new Rule(Pattern.compile("/versions/(\\d+)/\\._COMMITTED\\.tmp$"), m -> "marker-written v" + m.group(1)));

    /** Destinations of renames, just after the rename. */
    private static final List<Rule> RENAMED = List.of(
            new Rule(
                    Pattern.compile("/blobs/([0-9a-f]{12})[0-9a-f]{52}\\.safetensors$"),
                    m -> "blob-renamed " + m.group(1)),
            new Rule(
                    Pattern.compile("/in-progress/results/(.+)-[0-9a-f]{16}\\.json$"),
                    m -> "result-recorded " + m.group(1)),
            new Rule(
                    Pattern.compile("/history/candidates/task=([^/]+)/pass=(\\d+)/generation-0*(\\d+)\\.parquet$"),
                    m -> "history-appended " + m.group(1) + "/p" + m.group(2) + "/g" + m.group(3)),
            new Rule(
                    Pattern.compile("/history/iterations/task=([^/]+)/pass=(\\d+)/[^/.][^/]*\\.parquet$"),
                    m -> "iteration-history-appended " + m.group(1) + "/p" + m.group(2)),
            new Rule(Pattern.compile("/versions/(\\d+)/_COMMITTED$"), m -> "committed v" + m.group(1)));

    private static final Rule TEST_SPLIT =
            new Rule(Pattern.compile("/data/([^/]+)/test/[^/]+\\.parquet$"), m -> "test-evaluation " + m.group(1));
    private static final Pattern CHECKPOINT = Pattern.compile("/in-progress/(\\.?)iteration-\\d+\\.json(\\.tmp)?$");

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    /**
     * The status without owner and permission: RawLocalFileSystem loads those through {@code
     * java.io.File(URI)}, which takes only {@code file:} URIs (listing a dataset would fail).
     */
    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
        return withoutOwner(super.getFileStatus(f));
    }

    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
        return Stream.of(super.listStatus(f)).map(ChaosFileSystem::withoutOwner).toArray(FileStatus[]::new);
    }

    private static FileStatus withoutOwner(FileStatus status) {
        return new FileStatus(
                status.getLen(),
                status.isDirectory(),
                status.getReplication(),
                status.getBlockSize(),
                status.getModificationTime(),
                status.getPath());
    }

    /** Every create of RawLocalFileSystem ends here. */
    @Override
    protected OutputStream createOutputStreamWithMode(Path f, boolean append, FsPermission permission)
            throws IOException {
        OutputStream out = super.createOutputStreamWithMode(f, append, permission);
        return new FilterOutputStream(out) {
            private boolean closed;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                super.close();
                if (!closed) {
                    closed = true;
                    report(f, WRITTEN, "checkpoint-written");
                }
            }
        };
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
        boolean renamed = super.rename(src, dst);
        if (renamed) {
            report(dst, RENAMED, "checkpoint-saved");
        }
        return renamed;
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
        String point = TEST_SPLIT.pointOf(f);
        if (point != null) {
            KillPoint.reached(point);
        }
        return super.open(f, bufferSize);
    }

    /** Reports the point of the first rule {@code file} matches; a checkpoint is named by the state it holds. */
    private void report(Path file, List<Rule> rules, String checkpointPoint) throws IOException {
        if (CHECKPOINT.matcher(file.toUri().getPath()).find()) {
            String json = Files.readString(pathToFile(file).toPath(), StandardCharsets.UTF_8);
            Matcher state = CHECKPOINT_STATE.matcher(json);
            if (!state.find()) {
                throw new IOException("checkpoint " + file + " names no task, pass and next generation: " + json);
            }
            KillPoint.reached(
                    checkpointPoint + " " + state.group(1) + "/p" + state.group(2) + "/next-g" + state.group(3));
            return;
        }
        for (Rule rule : rules) {
            String point = rule.pointOf(file);
            if (point != null) {
                KillPoint.reached(point);
                return;
            }
        }
    }
}
