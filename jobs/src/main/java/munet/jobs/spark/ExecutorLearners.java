package munet.jobs.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import munet.evolution.Learner;

/** The learners of this JVM, one per factory key and thread count, kept for the JVM's life. */
final class ExecutorLearners {

    private static final Map<String, Learner> LEARNERS = new ConcurrentHashMap<>();

    private ExecutorLearners() {}

    static Learner get(ExecutorLearnerFactory factory, int threadsPerTask) {
        return LEARNERS.computeIfAbsent(
                factory.key() + "/threads=" + threadsPerTask, key -> factory.create(threadsPerTask));
    }
}
