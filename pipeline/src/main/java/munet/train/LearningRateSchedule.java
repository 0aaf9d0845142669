package munet.train;

import munet.system.Hyperparameter;
import munet.system.Hyperparameters;

/**
 * The learning rate at each step: {@code constant} (0.5 x lr), {@code cosine} (linear warm-up
 * from lr/100 over the warm-up ratio of the steps, then cosine decay to zero) or {@code restarts}
 * (the cosine cycle, warm-up included, repeated once per validation).
 */
public record LearningRateSchedule(String kind, double lr, double warmupRatio, int totalSteps, int cycles) {

    public LearningRateSchedule {
        if (!kind.equals("constant") && !kind.equals("cosine") && !kind.equals("restarts")) {
            throw new IllegalArgumentException("hyperparameter " + Hyperparameter.OPT_LR_SCHEDULE
                    + " must be constant, cosine or restarts, got '" + kind + "'");
        }
        if (warmupRatio < 0 || warmupRatio >= 1) {
            throw new IllegalArgumentException(
                    "hyperparameter opt_lr_warmup_ratio must be in [0, 1), got " + warmupRatio);
        }
        if (totalSteps < 1 || cycles < 1 || totalSteps % cycles != 0) {
            throw new IllegalArgumentException(
                    totalSteps + " steps cannot be split into " + cycles + " schedule cycles");
        }
    }

    /** The schedule of a candidate's hyperparameters ({@code opt_lr}, {@code opt_lr_schedule}, {@code opt_lr_warmup_ratio}). */
    public static LearningRateSchedule of(Hyperparameters hparams, int totalSteps, int validations) {
        double warmup = hparams.has(Hyperparameter.OPT_LR_WARMUP_RATIO)
                ? hparams.getDouble(Hyperparameter.OPT_LR_WARMUP_RATIO)
                : 0.0;
        return new LearningRateSchedule(
                hparams.getString(Hyperparameter.OPT_LR_SCHEDULE),
                hparams.getDouble(Hyperparameter.OPT_LR),
                warmup,
                totalSteps,
                validations);
    }

    public double at(int step) {
        return switch (kind) {
            case "constant" -> 0.5 * lr;
            case "cosine" -> cosine(step, totalSteps);
            default -> {
                int cycle = totalSteps / cycles;
                yield cosine(step % cycle, cycle);
            }
        };
    }

    private double cosine(int step, int steps) {
        int warmupSteps = (int) Math.floor(warmupRatio * steps);
        if (step < warmupSteps) {
            double start = lr / 100;
            return start + (lr - start) * step / warmupSteps;
        }
        double progress = (double) (step - warmupSteps) / Math.max(1, steps - warmupSteps);
        return 0.5 * lr * (1 + Math.cos(Math.PI * progress));
    }
}
