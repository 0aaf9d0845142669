/**
 * The system store: a directory on any Hadoop FileSystem (local, HDFS, S3A).
 *
 * <pre>
 * blobs/&lt;sha256&gt;.safetensors                 component parameters, content-addressed ({@link munet.store.BlobStore})
 * versions/&lt;n&gt;/tasks.parquet                 registered tasks, in registration order
 * versions/&lt;n&gt;/components.parquet            id, name, kind, shape, param_count, owners
 * versions/&lt;n&gt;/paths.parquet                 root and best paths: components, hparams (JSON), qualities, params, mutation probabilities (map)
 * versions/&lt;n&gt;/architecture.json             the ViT dimensions
 * versions/&lt;n&gt;/_COMMITTED                    format version + table checksums, written last ({@link munet.store.SystemStore})
 * history/candidates/task=&lt;t&gt;/pass=&lt;p&gt;/generation-&lt;g&gt;.parquet   every evaluated candidate ({@link munet.store.CandidateHistory})
 * history/iterations/task=&lt;t&gt;/pass=&lt;p&gt;/version-&lt;base&gt;.parquet    every finished task iteration's diagnostics ({@link munet.store.IterationHistory})
 * in-progress/iteration-&lt;seq&gt;.json           the running task iteration ({@link munet.store.IterationCheckpoint})
 * in-progress/sweep.json                     a concurrent sweep's start ({@link munet.store.SweepCheckpoint})
 * in-progress/task=&lt;t&gt;/iteration-&lt;seq&gt;.json    each running iteration of a concurrent sweep
 * _LEASE                                     the single writer's lease ({@link munet.store.StoreLease})
 * </pre>
 *
 * Names starting with '.' or '_' are hidden from Spark's Parquet reader, so temporary files and
 * markers never show up as data.
 */
package munet.store;
