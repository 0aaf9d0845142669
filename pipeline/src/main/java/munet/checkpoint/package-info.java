/**
 * Pretrained Vision Transformers in and out of the system: reading timm checkpoints
 * ({@code model.safetensors} + {@code config.json}) and vit_jax / augreg checkpoints
 * ({@code .npz}), mapping their tensors to the system's components ({@link
 * munet.checkpoint.VitCheckpoint}), making an imported model the root of a new system ({@link
 * munet.checkpoint.RootImport}), and writing a task's path back out in the timm layout ({@link
 * munet.checkpoint.TimmExport}). No engine is needed: everything here is tensors on the heap.
 *
 * <p>A checkpoint is refused, with one message naming the file and the tensor, when it is not
 * the plain pre-LayerNorm ViT the system computes (class token, head on the class token, no
 * layer scale or extra norms), when a tensor is missing, unexpected or of the wrong shape, or
 * when its bytes are truncated, oversized or of a dtype other than F32, F16 or BF16.
 */
package munet.checkpoint;
