package munet.store;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import munet.evolution.CandidateResult;
import munet.evolution.IterationState;
import munet.system.Component;
import munet.system.Path;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Garbage collection of blobs: removes a blob that no committed version, no saved in-progress
 * iteration and no finished candidate of that iteration references, and abandoned temporary
 * writes, but only once older than the grace period, since executors of a running job write
 * blobs long before they are committed. The finished candidates count because a killed job,
 * once resumed, reuses their results (and so their blobs) instead of training them again.
 */
public final class BlobCollector {
    private static final Logger LOG = LoggerFactory.getLogger(BlobCollector.class);

    /** What a collection did: blob ids removed and the number of blob files kept. */
    public record Report(List<String> removed, int kept) {
        public Report {
            removed = List.copyOf(removed);
        }
    }

    private final SystemStore store;
    private final Duration gracePeriod;
    private final Clock clock;

    public BlobCollector(SystemStore store, Duration gracePeriod, Clock clock) {
        this.store = store;
        this.gracePeriod = gracePeriod;
        this.clock = clock;
    }

    /** Collects under {@code lease}, so that no commit runs meanwhile. */
    public Report collect(StoreLease lease) throws IOException {
        lease.verifyHeld();
        Set<String> referenced = referenced();
        FileSystem fs = store.fileSystem();
        org.apache.hadoop.fs.Path dir = store.blobs().directory();
        long cutoff = clock.millis() - gracePeriod.toMillis();
        List<String> removed = new ArrayList<>();
        int kept = 0;
        if (!fs.exists(dir)) {
            return new Report(removed, kept);
        }
        for (FileStatus status : fs.listStatus(dir)) {
            String name = status.getPath().getName();
            boolean temporary = name.startsWith(BlobStore.TEMP_PREFIX);
            String id =
                    name.endsWith(BlobStore.SUFFIX) ? name.substring(0, name.length() - BlobStore.SUFFIX.length()) : "";
            boolean blob = BlobStore.isBlobId(id);
            if ((temporary || (blob && !referenced.contains(id))) && status.getModificationTime() < cutoff) {
                fs.delete(status.getPath(), false);
                if (blob) {
                    removed.add(id);
                }
            } else if (blob) {
                kept++;
            }
        }
        LOG.info("garbage collection of {}: removed {} blobs, kept {}", dir, removed.size(), kept);
        return new Report(removed, kept);
    }

    private Set<String> referenced() throws IOException {
        Set<String> ids = new HashSet<>();
        for (long version : store.committedVersions()) {
            ids.addAll(store.load(version).components().keySet());
        }
        for (IterationState state : store.inProgressIterations()) {
            state.newComponents().stream().map(Component::id).forEach(ids::add);
            for (Path path : state.population()) {
                ids.addAll(path.componentIds());
            }
        }
        for (CandidateResult result : store.finishedCandidates().all()) {
            ids.addAll(result.newComponentIds().values());
        }
        return ids;
    }
}
