package munet.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import munet.system.Hyperparameter;
import munet.system.HyperparameterSpace;
import munet.system.Hyperparameters;

/**
 * {@code munet.hparams}: for every hyperparameter, {@code default} and the ordered
 * {@code allowed} values mutation steps through (absent: the default only, never mutated).
 */
final class HyperparameterConfig {
    static final List<String> SCHEDULES = List.of("constant", "cosine", "restarts");

    /** What a hyperparameter's values must be. */
    private record Rule(ConfigValueType type, boolean integer, Predicate<Object> valid, String expectation) {}

    private static final Map<Hyperparameter, Rule> RULES = sortedByKey(Map.ofEntries(
            Map.entry(Hyperparameter.MU, real(v -> v >= 0 && v <= 1, "in [0, 1]")),
            Map.entry(Hyperparameter.NUM_LAYERS, integer(1)),
            Map.entry(Hyperparameter.ADAPTER_DIM, integer(1)),
            Map.entry(Hyperparameter.OPT_LR, real(v -> v > 0, "> 0")),
            Map.entry(
                    Hyperparameter.OPT_LR_SCHEDULE,
                    new Rule(ConfigValueType.STRING, false, SCHEDULES::contains, "one of " + SCHEDULES)),
            Map.entry(Hyperparameter.OPT_LR_WARMUP_RATIO, real(v -> v >= 0 && v < 1, "in [0, 1)")),
            Map.entry(Hyperparameter.OPT_MOMENTUM, real(v -> v >= 0 && v < 1, "in [0, 1)")),
            Map.entry(Hyperparameter.OPT_NESTEROV, bool()),
            Map.entry(Hyperparameter.DS_IMAGE_SIZE, integer(1)),
            Map.entry(Hyperparameter.DS_CROP, bool()),
            Map.entry(Hyperparameter.DS_AREA_RANGE_MIN, real(v -> v > 0 && v <= 1, "in (0, 1]")),
            Map.entry(Hyperparameter.DS_ASPECT_RATIO_RANGE_MIN, real(v -> v > 0 && v <= 1, "in (0, 1]")),
            Map.entry(Hyperparameter.DS_FLIP_LEFT_RIGHT, bool()),
            Map.entry(Hyperparameter.DS_BRIGHTNESS_DELTA, real(v -> v >= 0, ">= 0")),
            Map.entry(Hyperparameter.DS_CONTRAST_DELTA, real(v -> v >= 0, ">= 0")),
            Map.entry(Hyperparameter.DS_SATURATION_DELTA, real(v -> v >= 0, ">= 0")),
            Map.entry(Hyperparameter.DS_HUE_DELTA, real(v -> v >= 0 && v <= 0.5, "in [0, 0.5]"))));

    private HyperparameterConfig() {}

    static HyperparameterSpace parse(Config config, int patchSize) {
        for (String key : config.getConfig("munet.hparams").root().keySet()) {
            ConfigChecks.require(
                    Hyperparameter.keys().contains(key),
                    "munet.hparams." + key,
                    "is not a hyperparameter; known: " + Hyperparameter.keys());
        }
        Map<String, List<?>> allowed = new LinkedHashMap<>();
        Map<String, Object> defaults = new LinkedHashMap<>();
        RULES.forEach((hparam, rule) -> {
            String key = hparam.key();
            String path = "munet.hparams." + key;
            Object initial = value(config.getValue(path + ".default"), path + ".default", rule);
            List<Object> values = new ArrayList<>();
            List<? extends ConfigValue> listed =
                    config.hasPath(path + ".allowed") ? config.getList(path + ".allowed") : List.of();
            for (int i = 0; i < listed.size(); i++) {
                values.add(value(listed.get(i), path + ".allowed[" + i + "]", rule));
            }
            if (values.isEmpty()) {
                values.add(initial);
            }
            ConfigChecks.require(
                    values.contains(initial), path + ".default", initial + " is not in " + path + ".allowed " + values);
            if (hparam == Hyperparameter.DS_IMAGE_SIZE) {
                values.forEach(size -> ConfigChecks.require(
                        (Integer) size % patchSize == 0,
                        path,
                        "value " + size + " is not a multiple of the patch size " + patchSize
                                + " (munet.model.patch-size)"));
            }
            defaults.put(key, initial);
            allowed.put(key, values);
        });
        return new HyperparameterSpace(allowed, new Hyperparameters(defaults));
    }

    private static Object value(ConfigValue value, String path, Rule rule) {
        Object unwrapped = typed(value, rule.type());
        ConfigChecks.require(
                unwrapped != null,
                path,
                "must be a " + rule.type().name().toLowerCase() + (rule.integer() ? " (integer)" : "") + ", got "
                        + value.render());
        if (rule.type() == ConfigValueType.NUMBER) {
            Number number = (Number) unwrapped;
            ConfigChecks.require(
                    !rule.integer() || number.doubleValue() == Math.rint(number.doubleValue()),
                    path,
                    "must be an integer, got " + value.render());
            unwrapped = rule.integer() ? (Object) number.intValue() : (Object) number.doubleValue();
        }
        ConfigChecks.require(
                rule.valid().test(unwrapped), path, "must be " + rule.expectation() + ", got " + value.render());
        return unwrapped;
    }

    /**
     * The value as the rule's type, or null. A string is converted as typesafe-config's own getters
     * do, because values given as -D system properties always arrive as strings.
     */
    private static Object typed(ConfigValue value, ConfigValueType type) {
        if (value.valueType() == type) {
            return value.unwrapped();
        }
        if (value.valueType() != ConfigValueType.STRING) {
            return null;
        }
        String text = ((String) value.unwrapped()).trim();
        if (type == ConfigValueType.BOOLEAN) {
            return text.equals("true") ? Boolean.TRUE : text.equals("false") ? Boolean.FALSE : null;
        }
        if (type == ConfigValueType.NUMBER) {
            try {
                return Double.valueOf(text);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** In the order of their keys, so that of several bad values the same one is reported first as before. */
    private static Map<Hyperparameter, Rule> sortedByKey(Map<Hyperparameter, Rule> rules) {
        Map<Hyperparameter, Rule> sorted = new TreeMap<>(Comparator.comparing(Hyperparameter::key));
        sorted.putAll(rules);
        return sorted;
    }

    private static Rule real(Predicate<Double> valid, String expectation) {
        return new Rule(ConfigValueType.NUMBER, false, v -> valid.test((Double) v), expectation);
    }

    private static Rule integer(int min) {
        return new Rule(ConfigValueType.NUMBER, true, v -> (Integer) v >= min, ">= " + min);
    }

    private static Rule bool() {
        return new Rule(ConfigValueType.BOOLEAN, false, v -> true, "true or false");
    }
}
