package munet.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import munet.data.LabeledImage;
import munet.data.ProgressLine;
import munet.evolution.CandidateResult;
import munet.evolution.CandidateSpec;
import munet.model.ComponentState;
import munet.model.FrozenComponentCache;
import munet.model.PathModel;
import munet.store.Blobs;
import munet.system.Hyperparameter;
import munet.system.Hyperparameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One candidate's training in progress: its model, optimizer, schedule, validations and best
 * snapshot. {@link CandidateTrainer} feeds it the steps' inputs, alone or beside candidates that
 * share its batches and frozen prefix.
 */
final class CandidateRun implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CandidateRun.class);
    private final CandidateSpec spec;
    private final PathModel model;
    private final SgdMomentum optimizer;
    private final LearningRateSchedule schedule;
    private final SnapshotKeeper keeper;
    private final List<CandidateResult.Validation> history = new ArrayList<>();
    private final ProgressLine progress;
    private final int stepsPerValidation;
    private final int validations;

    private CandidateRun(CandidateSpec spec, PathModel model, int stepsPerValidation, int validations) {
        this.spec = spec;
        this.model = model;
        this.stepsPerValidation = stepsPerValidation;
        this.validations = validations;
        Hyperparameters h = spec.hparams();
        this.schedule = LearningRateSchedule.of(h, stepsPerValidation * validations, validations);
        this.optimizer = new SgdMomentum(
                h.getDouble(Hyperparameter.OPT_MOMENTUM),
                h.has(Hyperparameter.OPT_NESTEROV) && h.getBoolean(Hyperparameter.OPT_NESTEROV));
        this.keeper = new SnapshotKeeper(spec.scoreToBeat());
        // a long training (root pretraining, a baseline's budget) also says how far it is between validations
        this.progress = new ProgressLine(
                "candidate " + spec.candidateId() + " of task " + spec.task().name(),
                "steps",
                spec.budgetScale() > 1 ? (long) stepsPerValidation * validations : 0,
                System::nanoTime,
                LOG::info);
    }

    /** Loads the candidate's model; a longer budget validates as often as a candidate does and keeps its best snapshot. */
    static CandidateRun start(
            CandidateSpec spec, TrainingConfig config, int trainExamples, Blobs blobs, FrozenComponentCache cache)
            throws IOException {
        PathModel model = PathModel.load(spec.slots(), spec.seed(), blobs, cache);
        if (model.trainables().isEmpty()) {
            model.close();
            throw new IllegalArgumentException("candidate " + spec.candidateId() + " has no trainable component");
        }
        return new CandidateRun(
                spec,
                model,
                config.stepsBetweenValidations(trainExamples),
                config.validationsPerTraining() * spec.budgetScale());
    }

    CandidateSpec spec() {
        return spec;
    }

    PathModel model() {
        return model;
    }

    int stepsPerValidation() {
        return stepsPerValidation;
    }

    int validations() {
        return validations;
    }

    /** One SGD step at global step {@code step} on the output of the model's first {@code from} blocks. */
    void step(NDArray input, int from, NDArray oneHot, int step, NDManager temporaries) {
        CandidateTrainer.backward(model, input, from, oneHot);
        optimizer.step(model.trainables(), schedule.at(step), temporaries);
        progress.advance(1);
    }

    /** Validation {@code v} (0-based): this model's {@code predictions} of {@code examples}; keeps a snapshot if it is the best so far. */
    void validate(int v, int[] predictions, List<LabeledImage> examples) {
        double quality = PathEvaluator.accuracy(predictions, examples);
        CandidateResult.Validation validated =
                new CandidateResult.Validation((v + 1) * stepsPerValidation, quality, quality * spec.scoreFactor());
        history.add(validated);
        boolean kept = keeper.offer(validated, this::snapshot);
        LOG.info(
                "candidate {} of task {}: validation {}/{} after {} steps: quality {} score {}{}",
                spec.candidateId(),
                spec.task().name(),
                v + 1,
                validations,
                validated.step(),
                String.format("%.4f", quality),
                String.format("%.4f", validated.score()),
                kept ? " (snapshot kept)" : "");
    }

    /** Writes the best snapshot's components and says what was trained, with {@code clock}'s seconds by phase. */
    CandidateResult finish(Blobs blobs, long images, Stopwatch clock, String executor) throws IOException {
        Map<String, String> ids = new LinkedHashMap<>();
        Map<String, Long> params = new LinkedHashMap<>();
        for (Map.Entry<String, ComponentState> entry : keeper.snapshot().entrySet()) {
            ids.put(entry.getKey(), blobs.write(entry.getValue().encode()));
            params.put(entry.getKey(), entry.getValue().paramCount());
        }
        clock.lap("write");
        return new CandidateResult(
                spec.candidateId(),
                history,
                keeper.improved(),
                keeper.best().quality(),
                keeper.best().score(),
                ids,
                params,
                model.trainableParams(),
                model.totalParams(),
                images,
                clock.seconds(),
                executor);
    }

    private Map<String, ComponentState> snapshot() {
        Map<String, ComponentState> states = new LinkedHashMap<>();
        model.trainables().forEach(trainable -> states.put(trainable.slot().name(), trainable.state()));
        return states;
    }

    @Override
    public void close() {
        model.close();
    }
}
