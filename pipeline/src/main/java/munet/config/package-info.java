/**
 * Configuration: {@code reference.conf} (every key documented there) under a run config and
 * {@code -D} overrides, parsed into typed settings ({@link munet.config.RunConfig}) and checked at
 * start, so that an invalid value fails naming its key before any work is done.
 *
 * <p>May build the settings values of {@code munet.evolution} and {@code munet.system}; must not
 * depend on Spark or DJL (checked by PackageRulesTest).
 */
package munet.config;
