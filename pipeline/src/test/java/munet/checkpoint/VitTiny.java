package munet.checkpoint;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import munet.config.RunConfig;
import munet.data.ImageDecoder;
import munet.data.LabeledImage;
import munet.inference.PathPredictor;
import munet.model.FrozenComponentCache;
import munet.model.TorchRuntime;
import munet.store.Blobs;
import munet.system.Hyperparameters;
import munet.system.SystemState;
import munet.system.Task;

/** The test resource vit-tiny (see its README): a torchvision ViT, 16 images and the logits torchvision computed. */
final class VitTiny {
  static final int IMAGE_SIZE = 24;

  private VitTiny() {}

  static Path dir() {
    try {
      return Path.of(VitTiny.class.getResource("/vit-tiny/config.json").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path safetensors() {
    return dir().resolve("model.safetensors");
  }

  static Path npz() {
    return dir().resolve("vit_jax.npz");
  }

  /** The 16 images, in the order of logits.json. */
  static List<LabeledImage> images() throws IOException {
    List<LabeledImage> images = new ArrayList<>();
    ImageDecoder decoder = new ImageDecoder(1_000_000);
    for (JsonElement row : rows()) {
      String name = row.getAsJsonObject().get("image").getAsString();
      images.add(decoder.decode(Files.readAllBytes(dir().resolve("images").resolve(name)), 0, name));
    }
    return images;
  }

  /** torchvision's logits [image][class]. */
  static float[][] logits() throws IOException {
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
    JsonObject json = JsonParser.parseString(Files.readString(dir().resolve("logits.json"))).getAsJsonObject();
    return json.getAsJsonArray("rows");
  }

  /** The hyperparameters of a root path under the default configuration. */
  static Hyperparameters rootHparams() {
    Config config = ConfigFactory.parseString("munet.tasks = [{name = t, dataset = \"file:/unused\"}]")
        .withFallback(ConfigFactory.load());
    return RunConfig.from(config).rootHyperparameters();
  }

  /** The root path's logits on the fixture images. */
  static float[][] rootLogits(SystemState system, Blobs blobs) throws IOException {
    TorchRuntime.prepareThread(1);
    try (PathPredictor predictor = new PathPredictor(system, Map.of(Task.ROOT, system.rootPaths().get(0)), blobs,
        new FrozenComponentCache(0))) {
      return predictor.predict(images()).get(Task.ROOT);
    }
  }

  static double maxDifference(float[][] a, float[][] b) {
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
}
