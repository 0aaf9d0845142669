/**
 * The Spark runtime: sessions, the {@link munet.jobs.spark.SparkLearner} that trains a generation
 * as one Spark job with one task per candidate, the executor-side learners, task datasets as
 * DataFrames, and {@link munet.jobs.spark.StoreEvolution}, the evolution of a store on Spark.
 *
 * <p>Must not depend on {@code munet.jobs.cli} or {@code munet.jobs.bench}.
 */
package munet.jobs.spark;
