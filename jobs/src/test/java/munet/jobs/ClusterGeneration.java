package munet.jobs;

import munet.evolution.CandidateResult;
import munet.jobs.spark.SparkLearner;
import munet.jobs.spark.SparkSessions;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark application for StandaloneClusterIT: trains one generation through {@link
 * SparkLearner} on the cluster, the first attempt of candidate {@code args[0]} ending its
 * executor JVM, and prints each result.
 */
public final class ClusterGeneration {

    public static final int CANDIDATES = 4;

    private ClusterGeneration() {}

    public static void main(String[] args) {
        try (SparkSession session = SparkSessions.start("munet cluster generation")) {
            SparkLearner learner = new SparkLearner(
                    JavaSparkContext.fromSparkContext(session.sparkContext()), new HashLearner.Factory(args[0], true));
            for (CandidateResult result : learner.train(Generation.specs(CANDIDATES))) {
                System.out.println("result " + HashLearner.describe(result));
            }
        }
    }
}
