/**
 * What every job of the Spark application shares: the store a job opens with its configuration
 * ({@link munet.jobs.StoreJob}), configuration loading, {@link munet.jobs.UserError}, the
 * leaderboard, and the pause points tests kill jobs at.
 *
 * <p>Must not depend on {@code munet.jobs.cli}, {@code munet.jobs.spark} or {@code munet.jobs.bench},
 * which all build on it.
 */
package munet.jobs;
