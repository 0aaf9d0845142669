package munet.system;

import java.util.Arrays;
import java.util.List;

/**
 * The hyperparameters a path carries, by the key under which they are configured
 * ({@code munet.hparams.<key>}), stored and shown: the one vocabulary of config, evolution,
 * training and jobs. {@code ds_*} keys are data (preprocessing) settings, {@code opt_*} optimizer
 * settings.
 */
public enum Hyperparameter {
    MU("mu"),
    NUM_LAYERS("num_layers"),
    ADAPTER_DIM("adapter_dim"),
    OPT_LR("opt_lr"),
    OPT_LR_SCHEDULE("opt_lr_schedule"),
    OPT_LR_WARMUP_RATIO("opt_lr_warmup_ratio"),
    OPT_MOMENTUM("opt_momentum"),
    OPT_NESTEROV("opt_nesterov"),
    DS_IMAGE_SIZE("ds_image_size"),
    DS_CROP("ds_crop"),
    DS_AREA_RANGE_MIN("ds_area_range_min"),
    DS_ASPECT_RATIO_RANGE_MIN("ds_aspect_ratio_range_min"),
    DS_FLIP_LEFT_RIGHT("ds_flip_left_right"),
    DS_BRIGHTNESS_DELTA("ds_brightness_delta"),
    DS_CONTRAST_DELTA("ds_contrast_delta"),
    DS_SATURATION_DELTA("ds_saturation_delta"),
    DS_HUE_DELTA("ds_hue_delta");

    /** Prefix of the data hyperparameters, sampled once per generation and shared by its candidates. */
    public static final String DATA_PREFIX = "ds_";

    private final String key;

    Hyperparameter(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** A data (preprocessing) setting, which mutation treats apart from the model's. */
    public static boolean isData(String key) {
        return key.startsWith(DATA_PREFIX);
    }

    /** Every key, sorted: what an error about an unknown key lists. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(Hyperparameter::key).sorted().toList();
    }

    @Override
    public String toString() {
        return key;
    }
}
