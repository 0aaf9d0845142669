/**
 * Task datasets: Parquet in the Hugging Face layout (docs/dataset-format.md), their readers and
 * writers, and the importers from image folders, CIFAR binaries and existing Parquet.
 *
 * <p>Uses Hadoop and Parquet for files on any file system; must not depend on Spark or DJL.
 */
package munet.data;
