/**
 * Measurement: {@code bench compare} (µ2Net against the baselines), {@code bench perf} (throughput,
 * scaling, costs), the generation probe, and the engine benchmark with its own {@code main}; the
 * figures of BENCHMARKS.md come from here.
 *
 * <p>Builds on {@code munet.jobs.spark}; must not depend on {@code munet.jobs.cli}.
 */
package munet.jobs.bench;
