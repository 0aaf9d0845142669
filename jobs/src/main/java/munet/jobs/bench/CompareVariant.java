package munet.jobs.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import munet.evolution.EvolutionSettings;
import munet.evolution.Policy;

/**
 * One contender of {@code bench compare}: a policy ({@code mu2net}, {@code finetune-all},
 * {@code freeze-bottom:K}, {@code adapters:D}) and the score base it runs with, written
 * {@code policy} or {@code policy@base} (e.g. {@code mu2net@0.5}).
 */
public record CompareVariant(String name, Policy policy, double scoreBase) {

  public static CompareVariant parse(String text, double defaultBase) {
    int at = text.indexOf('@');
    Policy policy = Policy.parse(at < 0 ? text : text.substring(0, at));
    double base = defaultBase;
    if (at >= 0) {
      try {
        base = Double.parseDouble(text.substring(at + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bench variant '" + text + "': the score base after @ must be a number", e);
      }
    }
    try {
      return new CompareVariant(text, policy, EvolutionSettings.checkedScoreBase(base));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bench variant '" + text + "': " + e.getMessage(), e);
    }
  }

  /** A folder name for this variant's store: {@code freeze-bottom:2} becomes {@code freeze-bottom-2}. */
  String folder() {
    return name.replaceAll("[^A-Za-z0-9._-]", "-");
  }

  /** The run configuration with this variant's policy and score base. */
  Config applyTo(Config config) {
    return config.withValue("munet.evolution.policy", ConfigValueFactory.fromAnyRef(policy.name()))
        .withValue("munet.evolution.score-base", ConfigValueFactory.fromAnyRef(scoreBase));
  }
}
