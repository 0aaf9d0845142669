/**
 * The ViT as DJL blocks: components (patch embedding, class token, position embedding, encoder
 * blocks, adapters, norm, head), their blobs, and the {@link munet.model.PathModel} that runs a
 * path with shared frozen blocks and trainable clones.
 *
 * <p>DJL lives here and in {@code munet.train}; Spark must not (checked by PackageRulesTest).
 */
package munet.model;
