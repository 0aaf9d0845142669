/**
 * The µ2Net algorithm: parent sampling, mutation, component assembly, scoring and the task
 * iteration ({@link munet.evolution.EvolutionRun}), against the {@link munet.evolution.Learner}
 * interface that trains candidates somewhere else (in tests a fake, in production Spark).
 *
 * <p>Uses {@code munet.system} only; must not depend on Spark or DJL (checked by PackageRulesTest).
 */
package munet.evolution;
