package munet.jobs.spark;

import java.io.Serializable;
import munet.evolution.Learner;

/**
 * Makes the learner that trains candidates inside an executor JVM. It travels to the executors
 * with every Spark task; the learner it makes stays there (see {@link ExecutorLearners}), so
 * blobs and decoded data it caches serve every later task of that JVM.
 *
 * <p>The learner must be thread-safe (an executor runs several tasks at once) and deterministic
 * for a given spec: a Spark task that is retried, on another executor, must return the same
 * result and write the same blobs.
 */
public interface ExecutorLearnerFactory extends Serializable {

    /** Equal keys mean equal learners: one per key and thread count is made per JVM. */
    String key();

    /** A learner whose every candidate uses {@code threadsPerTask} threads ({@code spark.task.cpus}). */
    Learner create(int threadsPerTask);
}
