package munet.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import munet.evolution.CandidateResult;
import munet.evolution.CandidateSpec;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;

/**
 * Every evaluated candidate, as Parquet partitioned the Hive way:
 * {@code <store>/history/candidates/task=<t>/pass=<p>/generation-<g>.parquet}, one file per
 * generation. A retried generation replaces its file (written hidden, then renamed), so rows are
 * never duplicated; Spark reads the folder with {@code spark.read.parquet}.
 */
public final class CandidateHistory {
    private final FileSystem fs;
    private final Path dir;

    public CandidateHistory(FileSystem fs, Path storeRoot) {
        this.fs = fs;
        this.dir = new Path(storeRoot, "history/candidates");
    }

    /**
     * Writes the candidates of one generation, each spec with its result (matched by candidate id),
     * if {@code fence} still holds the lease.
     */
    public void writeGeneration(LeaseFence fence, List<CandidateSpec> specs, List<CandidateResult> results)
            throws IOException {
        if (specs.isEmpty()) {
            return;
        }
        CandidateSpec first = specs.get(0);
        Map<String, CandidateResult> byId = new HashMap<>();
        results.forEach(result -> byId.put(result.candidateId(), result));
        SimpleGroupFactory factory = ParquetFiles.rows(CandidateRows.SCHEMA);
        List<Group> rows = new ArrayList<>();
        for (CandidateSpec spec : specs) {
            if (!spec.task().name().equals(first.task().name())
                    || spec.pass() != first.pass()
                    || spec.generation() != first.generation()) {
                throw new IllegalArgumentException("candidate " + spec.candidateId() + " is not of task "
                        + first.task().name() + " pass " + first.pass() + " generation " + first.generation()
                        + " like the rest of its generation");
            }
            CandidateResult result = byId.get(spec.candidateId());
            if (result == null) {
                throw new IllegalArgumentException("candidate " + spec.candidateId() + " has no result");
            }
            rows.add(CandidateRows.toRow(factory, spec, result));
        }
        Path partition = new Path(dir, "task=" + partitionValue(first.task().name()) + "/pass=" + first.pass());
        Path target = new Path(partition, String.format("generation-%06d.parquet", first.generation()));
        StoreFiles.replace(fs, target, fence, temp -> ParquetFiles.write(fs, temp, CandidateRows.SCHEMA, rows));
    }

    /** Every row, ordered by task, pass, generation and then as written. */
    public List<CandidateRow> read() throws IOException {
        List<CandidateRow> rows = new ArrayList<>();
        for (Path file : ParquetFiles.filesUnder(fs, dir, "generation-")) {
            for (Group group : ParquetFiles.read(fs, file)) {
                rows.add(CandidateRows.fromRow(group, file.toString()));
            }
        }
        rows.sort(java.util.Comparator.comparing(CandidateRow::task)
                .thenComparingInt(CandidateRow::pass)
                .thenComparingInt(CandidateRow::generation));
        return rows;
    }

    /** Escapes a partition value as Hive and Spark do: {@code %XX} for ASCII that is not a letter, digit, '.', '_' or '-'. */
    static String partitionValue(String value) {
        StringBuilder escaped = new StringBuilder();
        for (char c : value.toCharArray()) {
            boolean plain = c >= 0x80 || Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-';
            escaped.append(plain ? String.valueOf(c) : String.format("%%%02X", (int) c));
        }
        return escaped.toString();
    }
}
