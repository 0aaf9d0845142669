package munet.config;

import com.typesafe.config.Config;
import munet.system.VitArchitecture;

/** {@code munet.model}: the Vision Transformer every path shares, and the root model's depth and image size. */
public record ModelConfig(VitArchitecture architecture, int rootLayers, int imageSize) {

    static ModelConfig parse(Config config) {
        int hidden = ConfigChecks.atLeast(config, "munet.model.hidden-size", 1);
        int mlp = ConfigChecks.atLeast(config, "munet.model.mlp-dim", 1);
        int heads = ConfigChecks.atLeast(config, "munet.model.heads", 1);
        int patch = ConfigChecks.atLeast(config, "munet.model.patch-size", 1);
        int channels = ConfigChecks.atLeast(config, "munet.model.channels", 1);
        ConfigChecks.require(
                channels == VitArchitecture.RGB_CHANNELS,
                "munet.model.channels",
                channels + ": munet decodes every image as RGB, so only 3 is supported");
        VitArchitecture architecture =
                ConfigChecks.at("munet.model.heads", () -> new VitArchitecture(hidden, mlp, heads, patch, channels));
        int imageSize = ConfigChecks.atLeast(config, "munet.model.image-size", patch);
        ConfigChecks.require(
                imageSize % patch == 0,
                "munet.model.image-size",
                imageSize + " is not a multiple of the patch size " + patch);
        return new ModelConfig(architecture, ConfigChecks.atLeast(config, "munet.model.root-layers", 1), imageSize);
    }
}
