/**
 * The system as immutable values: {@link munet.system.Task}, {@link munet.system.Component},
 * {@link munet.system.Path}, {@link munet.system.Hyperparameter} (the one vocabulary of
 * hyperparameter keys) and {@link munet.system.Hyperparameters}, {@link munet.system.SystemState}.
 *
 * <p>Depends on the JDK only: no Spark, no DJL, no Hadoop, no other munet package, so that every
 * other package can use it and the evolution can be tested in milliseconds.
 */
package munet.system;
