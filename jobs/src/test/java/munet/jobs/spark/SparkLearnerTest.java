package munet.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import munet.evolution.CandidateResult;
import munet.evolution.CandidateSpec;
import munet.evolution.TestResult;
import munet.jobs.Generation;
import munet.jobs.HashLearner;
import munet.train.SharedTrainingKey;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SparkLearnerTest {

    private static SparkSession session;
    private static JavaSparkContext spark;

    @BeforeAll
    static void startSpark() {
        // local[4,3]: four cores, and a failed task is retried up to 3 times, as on a cluster;
        // two cores per task, so two candidates train at once with two threads each
        session = SparkSessions.start(
                "SparkLearnerTest",
                Map.of("spark.master", "local[4,3]", "spark.task.cpus", "2", "spark.ui.enabled", "false"));
        spark = JavaSparkContext.fromSparkContext(session.sparkContext());
    }

    @AfterAll
    static void stopSpark() {
        session.stop();
    }

    @Test
    void trainReturnsEachCandidatesResultInOrder() {
        List<CandidateSpec> specs = Generation.specs(7);
        List<CandidateResult> results = new SparkLearner(spark, new HashLearner.Factory("none", false)).train(specs);

        assertEquals(
                specs.stream().map(CandidateSpec::candidateId).toList(),
                results.stream().map(CandidateResult::candidateId).toList());
        assertEquals(
                new HashLearner(2, "none", false).train(specs),
                results,
                "Spark must return what the learner computes in-process");
        assertTrue(
                results.stream().allMatch(r -> r.executor().equals("threads 2")),
                "threads per task come from spark.task.cpus");
    }

    @Test
    void aRetriedCandidateGivesTheSameGeneration() {
        List<CandidateSpec> specs = Generation.specs(5);
        List<CandidateResult> undisturbed =
                new SparkLearner(spark, new HashLearner.Factory("none", false)).train(specs);
        int failuresBefore = HashLearner.INJECTED_FAILURES.get();

        List<CandidateResult> retried =
                new SparkLearner(spark, new HashLearner.Factory("candidate-2", false)).train(specs);

        assertEquals(
                failuresBefore + 1, HashLearner.INJECTED_FAILURES.get(), "the first attempt of candidate-2 failed");
        assertEquals(undisturbed, retried);
    }

    @Test
    void candidatesThatTrainTogetherShareTasksAndARetriedTaskTrainsOnlyItsOwn() {
        List<CandidateSpec> specs = Generation.sharingSpecs(8);
        assertEquals(4, spark.defaultParallelism());
        assertEquals(
                List.of(2, 2, 2, 2),
                SharedTrainingKey.groups(specs, 4).stream().map(List::size).toList());
        int failuresBefore = HashLearner.INJECTED_FAILURES.get();

        List<CandidateResult> results =
                new SparkLearner(spark, new HashLearner.Factory("candidate-5", false)).train(specs);

        assertEquals(
                failuresBefore + 1, HashLearner.INJECTED_FAILURES.get(), "the first attempt of candidate-5 failed");
        assertEquals(new HashLearner(2, "none", false).train(specs), results);
    }

    @Test
    void testReturnsEachPathsResultInOrder() {
        List<CandidateSpec> paths = Generation.specs(3);
        List<TestResult> results = new SparkLearner(spark, new HashLearner.Factory("none", false)).test(paths);

        assertEquals(new HashLearner(2, "none", false).test(paths), results);
    }

    @Test
    void anEmptyGenerationRunsNoJob() {
        assertEquals(List.of(), new SparkLearner(spark, new HashLearner.Factory("none", false)).train(List.of()));
    }

    @Test
    void theJobDescriptionSummarisesTheGeneration() {
        assertEquals("task digits pass 1 generation 3: 2 candidates", SparkLearner.summary(Generation.specs(2)));
    }
}
