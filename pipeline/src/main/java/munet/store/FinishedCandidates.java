package munet.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import munet.evolution.CandidateResult;
import munet.evolution.CandidateSpec;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Results of candidates trained in the in-progress iteration, one small JSON file each, so that
 * a generation interrupted by a killed job re-trains only the candidates that had not finished.
 * A result is keyed by the candidate id and a digest of its whole spec: a replanned candidate
 * that differs in anything is trained again. Cleared with the {@link IterationCheckpoint}. The
 * blobs a result names are references for the {@link BlobCollector}.
 */
public final class FinishedCandidates {
    private static final String SUFFIX = ".json";

    private final FileSystem fs;
    private final Path dir;

    public FinishedCandidates(FileSystem fs, Path storeRoot) {
        this.fs = fs;
        this.dir = new Path(new Path(storeRoot, IterationCheckpoint.DIRECTORY), "results");
    }

    /**
     * Records a result after its blobs were written, if {@code fence} still holds the lease;
     * written under a temp name, then renamed.
     */
    public void record(LeaseFence fence, CandidateSpec spec, CandidateResult result) throws IOException {
        StoreFiles.replace(fs, fileOf(spec), fence, StoreJson.GSON.toJson(result));
    }

    /** The recorded result of exactly this spec, if it finished before. */
    public Optional<CandidateResult> find(CandidateSpec spec) throws IOException {
        Path file = fileOf(spec);
        return fs.exists(file) ? parse(file) : Optional.empty();
    }

    /**
     * Every recorded result. Strict, unlike {@link #find}: the collector counts their blobs as
     * references, and a record it could not read would let it delete blobs a resumed job needs.
     */
    public List<CandidateResult> all() throws IOException {
        List<CandidateResult> results = new ArrayList<>();
        if (fs.exists(dir)) {
            for (FileStatus status : fs.listStatus(dir)) {
                String name = status.getPath().getName();
                if (status.isFile() && name.endsWith(SUFFIX) && !name.startsWith(".")) {
                    results.add(parse(status.getPath())
                            .orElseThrow(() -> new IOException("finished candidate record " + status.getPath()
                                    + " cannot be parsed; delete it (its candidate is then trained again)")));
                }
            }
        }
        return results;
    }

    private Optional<CandidateResult> parse(Path file) throws IOException {
        String json = StoreFiles.read(fs, file);
        try {
            return Optional.ofNullable(StoreJson.GSON.fromJson(json, CandidateResult.class));
        } catch (RuntimeException e) {
            // a damaged record costs a re-training, never a wrong result
            return Optional.empty();
        }
    }

    private Path fileOf(CandidateSpec spec) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(spec.toString().getBytes(StandardCharsets.UTF_8));
            return new Path(dir, spec.candidateId() + "-" + HexFormat.of().formatHex(digest, 0, 8) + SUFFIX);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
