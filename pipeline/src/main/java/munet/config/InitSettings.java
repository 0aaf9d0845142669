package munet.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;

/**
 * {@code munet.init}: how {@code munet init} makes the root model. {@code rootClasses} is the
 * width of a random root's head; a pretrained root trains on {@code pretrainDataset} for
 * {@code pretrainBudgetScale} times munet.training's steps.
 */
public record InitSettings(boolean pretrain, int rootClasses, String pretrainDataset, int pretrainBudgetScale) {

    public static InitSettings from(Config config) {
        String at = "munet.init.";
        try {
            String root = config.getString(at + "root");
            ConfigChecks.require(
                    root.equals("random") || root.equals("pretrain"),
                    at + "root",
                    "must be random or pretrain, got " + root);
            return new InitSettings(
                    root.equals("pretrain"),
                    ConfigChecks.atLeast(config, at + "root-classes", 1),
                    config.getString(at + "pretrain.dataset"),
                    ConfigChecks.atLeast(config, at + "pretrain.budget-scale", 1));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("invalid configuration: " + e.getMessage(), e);
        }
    }
}
