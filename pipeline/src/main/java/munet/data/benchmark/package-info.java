/**
 * The characters benchmark: character-recognition tasks rendered from the fonts installed on the
 * machine, written as task datasets, so the whole pipeline runs without downloads.
 *
 * <p>Uses {@code munet.data}, Hadoop and the JDK's imaging; must not depend on Spark or DJL.
 */
package munet.data.benchmark;
