package munet.jobs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import munet.evolution.CandidateResult;
import munet.evolution.CandidateResult.Validation;
import munet.evolution.CandidateSpec;
import munet.evolution.ComponentSlot;
import munet.evolution.Learner;
import munet.evolution.TestResult;
import munet.jobs.spark.ExecutorLearnerFactory;
import org.apache.spark.TaskContext;

/**
 * A deterministic learner for testing the Spark plumbing: every number is a hash of the spec, as
 * a real learner's results are a function of the spec and the store. It can fail the first
 * attempt of one candidate's Spark task: by throwing, or by ending its executor JVM at once, as
 * a lost executor would.
 */
public record HashLearner(int threads, String failFirstAttemptOf, boolean haltJvm) implements Learner {

    /** The exit code of an executor JVM halted on purpose, to recognise it in the logs. */
    public static final int HALT_STATUS = 57;

    /** Spark tasks that failed on purpose; local mode runs them in this JVM. */
    public static final AtomicInteger INJECTED_FAILURES = new AtomicInteger();

    public record Factory(String failFirstAttemptOf, boolean haltJvm) implements ExecutorLearnerFactory {
        @Override
        public String key() {
            return "hash-learner/fail=" + failFirstAttemptOf + "/halt=" + haltJvm;
        }

        @Override
        public Learner create(int threadsPerTask) {
            return new HashLearner(threadsPerTask, failFirstAttemptOf, haltJvm);
        }
    }

    @Override
    public List<CandidateResult> train(List<CandidateSpec> candidates) {
        return candidates.stream().map(this::trainOne).toList();
    }

    @Override
    public List<TestResult> test(List<CandidateSpec> paths) {
        return paths.stream()
                .map(p -> new TestResult(
                        p.task().name(), p.candidateId(), fraction(p, "test"), 100, hash(p, "predictions")))
                .toList();
    }

    private CandidateResult trainOne(CandidateSpec spec) {
        TaskContext task = TaskContext.get();
        if (spec.candidateId().equals(failFirstAttemptOf) && task.attemptNumber() == 0) {
            INJECTED_FAILURES.incrementAndGet();
            if (haltJvm) {
                Runtime.getRuntime().halt(HALT_STATUS); // no shutdown hooks, no goodbye: a crashed executor
            }
            throw new IllegalStateException("injected failure: executor lost while training " + spec.candidateId());
        }
        double quality = fraction(spec, "quality");
        boolean improved = quality >= spec.scoreToBeat();
        Map<String, String> blobs = improved
                ? spec.slots().stream()
                        .filter(ComponentSlot::trainable)
                        .collect(java.util.stream.Collectors.toMap(ComponentSlot::name, s -> hash(spec, s.name())))
                : Map.of();
        return new CandidateResult(
                spec.candidateId(),
                List.of(new Validation(10, quality, quality * spec.scoreFactor())),
                improved,
                quality,
                quality * spec.scoreFactor(),
                blobs,
                Map.of(),
                100,
                1000,
                640,
                Map.of(),
                "threads " + threads);
    }

    private static double fraction(CandidateSpec spec, String what) {
        return Integer.parseInt(hash(spec, what).substring(0, 4), 16) / 65536.0;
    }

    private static String hash(CandidateSpec spec, String what) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String text = spec.candidateId() + "/" + spec.seed() + "/" + spec.hparams() + "/" + what;
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A result as text that is equal across JVMs (the iteration order of Map.copyOf is not). */
    public static String describe(CandidateResult result) {
        return result.candidateId() + " improved=" + result.improved() + " score=" + result.bestScore() + " blobs="
                + new java.util.TreeMap<>(result.newComponentIds()) + " " + result.executor();
    }
}
