/**
 * The candidate trainer: optimizer, learning-rate schedules, clipping, validation, the best
 * snapshot, and the local {@link munet.evolution.Learner} that runs it in one JVM.
 *
 * <p>Uses DJL, {@code munet.model}, {@code munet.data} and {@code munet.store}; must not depend on
 * Spark (checked by PackageRulesTest): the jobs module wraps it for executors.
 */
package munet.train;
