/**
 * Predictions of committed paths on new images: {@link munet.inference.PathPredictor} runs
 * several tasks' paths on one batch, computing the components they share as a prefix once, and
 * {@link munet.inference.ClassScores} turns a path's logits into a label, probabilities and a
 * top-k. Engine code, no Spark: the Spark job and the DataFrame scorer call this per partition.
 */
package munet.inference;
