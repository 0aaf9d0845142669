package munet.checkpoint;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import munet.model.Safetensors;
import munet.model.Tensor;

/**
 * Reads a pretrained ViT from disk by its extension: {@code .safetensors} in the timm layout,
 * with the {@code config.json} beside it, or a vit_jax / augreg {@code .npz}. Every problem is
 * an IllegalArgumentException whose one line names the file.
 */
public final class CheckpointFile {
    /** byte[] is the reader's buffer; a ViT-L/16 in float32 (1.2 GB) fits. */
    private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

    private CheckpointFile() {}

    public static VitCheckpoint read(Path file) {
        String name = file.getFileName() == null
                ? file.toString()
                : file.getFileName().toString();
        String source = file.toString();
        try {
            if (name.endsWith(".safetensors")) {
                Map<String, Tensor> tensors =
                        Safetensors.read(bytes(file), source).tensors();
                Path configFile = file.resolveSibling(TimmLayout.CONFIG_FILE);
                JsonObject config = config(configFile);
                try {
                    return TimmLayout.read(tensors, config, source);
                } catch (IllegalStateException
                        | UnsupportedOperationException
                        | ClassCastException
                        | NumberFormatException e) {
                    throw new IOException(configFile + ": a value of an unexpected type (" + e.getMessage() + ")", e);
                }
            }
            if (name.endsWith(".npz")) {
                return VitJaxLayout.read(NpzArchive.read(bytes(file), source), source);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        throw new IllegalArgumentException(
                source + ": not a checkpoint this system reads; give a timm model.safetensors (with its "
                        + TimmLayout.CONFIG_FILE + " beside it) or a vit_jax / augreg .npz");
    }

    private static byte[] bytes(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such checkpoint file");
        }
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new IOException(
                    file + ": " + size + " bytes, over the " + MAX_FILE_BYTES + " bytes a checkpoint may have here");
        }
        return Files.readAllBytes(file);
    }

    /** timm writes {@code config.json} beside the weights on the hub: the number of heads, which no shape reveals, is in it. */
    private static JsonObject config(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": missing; a timm checkpoint needs the " + TimmLayout.CONFIG_FILE
                    + " timm writes beside model.safetensors (model_args with num_heads at least)");
        }
        try {
            return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
                    .getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IOException(file + ": not a JSON object: " + e.getMessage(), e);
        }
    }
}
