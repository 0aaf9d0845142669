package munet.checkpoint;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import munet.config.RunConfig;
import munet.data.ImageDecoder;
import munet.data.LabeledImage;
import munet.inference.PathPredictor;
import munet.inference.PredictionPlan;
import munet.model.ComponentState;
import munet.model.FrozenComponentCache;
import munet.model.Tensor;
import munet.model.TorchRuntime;
import munet.store.Blobs;
import munet.store.InMemoryBlobs;
import munet.system.Component;
import munet.system.Hyperparameters;
import munet.system.InputNormalisation;
import munet.system.SystemState;
import munet.system.Task;

/** The test resource vit-tiny (see its README): a torchvision ViT, 16 images and the logits torchvision computed. */
public final class VitTiny {
    public static final int IMAGE_SIZE = 24;

    private VitTiny() {}

    public static Path dir() {
        try {
            return Path.of(VitTiny.class.getResource("/vit-tiny/config.json").toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path safetensors() {
        return dir().resolve("model.safetensors");
    }

    public static Path npz() {
        return dir().resolve("vit_jax.npz");
    }

    /** The 16 images, in the order of logits.json. */
    public static List<LabeledImage> images() throws IOException {
        List<LabeledImage> images = new ArrayList<>();
        ImageDecoder decoder = new ImageDecoder(1_000_000);
        for (JsonElement row : rows()) {
            String name = row.getAsJsonObject().get("image").getAsString();
            images.add(decoder.decode(Files.readAllBytes(dir().resolve("images").resolve(name)), 0, name));
        }
        return images;
    }

    /** torchvision's logits [image][class]. */
    public static float[][] logits() throws IOException {
        List<float[]> logits = new ArrayList<>();
        for (JsonElement row : rows()) {
            var values = row.getAsJsonObject().getAsJsonArray("logits");
            float[] out = new float[values.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = values.get(i).getAsFloat();
            }
            logits.add(out);
        }
        return logits.toArray(new float[0][]);
    }

    private static com.google.gson.JsonArray rows() throws IOException {
        JsonObject json = JsonParser.parseString(Files.readString(dir().resolve("logits.json")))
                .getAsJsonObject();
        return json.getAsJsonArray("rows");
    }

    /** The hyperparameters of a root path under the default configuration. */
    public static Hyperparameters rootHparams() {
        Config config = ConfigFactory.parseString("munet.tasks = [{name = t, dataset = \"file:/unused\"}]")
                .withFallback(ConfigFactory.load());
        return RunConfig.from(config).rootHyperparameters();
    }

    /** The root path's logits on the fixture images. */
    public static float[][] rootLogits(SystemState system, Blobs blobs) throws IOException {
        TorchRuntime.prepareThread(1);
        PredictionPlan plan =
                PredictionPlan.of(system, Map.of(Task.ROOT, system.rootPaths().get(0)), Map.of());
        try (PathPredictor predictor = new PathPredictor(plan, blobs, new FrozenComponentCache(0))) {
            return predictor.predict(images()).get(Task.ROOT);
        }
    }

    public static double maxDifference(float[][] a, float[][] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i].length != b[i].length) {
                throw new AssertionError("row " + i + " has " + a[i].length + " values, expected " + b[i].length);
            }
            for (int j = 0; j < a[i].length; j++) {
                max = Math.max(max, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return max;
    }

    /**
     * The system with a task "digits" whose path shares the root's lower components and owns a
     * perturbed last block, final norm and head, under another input normalisation.
     */
    public static SystemState withTask(SystemState root, InputNormalisation normalisation, InMemoryBlobs blobs)
            throws IOException {
        munet.system.Path rootPath = root.rootPaths().get(0);
        Random random = new Random(11);
        Map<String, Component> components = new LinkedHashMap<>(root.components());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < rootPath.componentIds().size(); i++) {
            String id = rootPath.componentIds().get(i);
            String name = rootPath.componentNames().get(i);
            if (!Set.of("encoderblock_1", "final_norm", "head").contains(name)) {
                ids.add(id);
                continue;
            }
            ComponentState state = ComponentState.decode(blobs.read(id), id);
            SortedMap<String, Tensor> perturbed = new TreeMap<>();
            state.parameters().forEach((key, tensor) -> {
                float[] data = tensor.data().clone();
                for (int j = 0; j < data.length; j++) {
                    data[j] += (float) (random.nextGaussian() * 0.1);
                }
                perturbed.put(key, new Tensor(tensor.shape(), data));
            });
            ComponentState changed = new ComponentState(name, state.kind(), state.shape(), perturbed, new TreeMap<>());
            String newId = blobs.write(changed.encode());
            components.put(
                    newId,
                    new Component(newId, name, state.kind(), state.shape(), changed.paramCount(), Set.of("digits")));
            ids.add(newId);
        }
        munet.system.Path path = new munet.system.Path(
                "digits-best",
                "digits",
                ids,
                rootPath.componentNames(),
                rootPath.hparams(),
                rootPath.id(),
                0.9,
                Double.NaN,
                null);
        return new SystemState(
                2,
                root.architecture().withNormalisation(normalisation),
                Map.of("digits", new Task("digits", 10, false, "file:/unused")),
                components,
                Map.of("digits", path),
                List.of(rootPath));
    }
}
