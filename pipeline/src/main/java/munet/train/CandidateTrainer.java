package munet.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import munet.data.ExampleSource;
import munet.data.LabeledImage;
import munet.data.ProgressLine;
import munet.evolution.CandidateResult;
import munet.evolution.CandidateSpec;
import munet.evolution.ComponentSlot;
import munet.evolution.TestResult;
import munet.model.ComponentState;
import munet.model.FrozenComponentCache;
import munet.model.PathModel;
import munet.model.TorchRuntime;
import munet.store.Blobs;
import munet.system.ComponentKind;
import munet.system.Hyperparameter;
import munet.system.Hyperparameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one candidate on the calling thread (with its own intra-op thread count) and tests
 * frozen paths. Uses PyTorch's per-thread grad mode instead of DJL's one-per-JVM
 * GradientCollector, so several trainers can run concurrently in one JVM while sharing frozen
 * blocks through the {@link FrozenComponentCache}. Every random choice comes from the spec's seed.
 */
public final class CandidateTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(CandidateTrainer.class);
    private final TrainingConfig config;
    private final Blobs blobs;
    private final ExampleSource examples;
    private final FrozenComponentCache cache;
    private final String executor;

    public CandidateTrainer(
            TrainingConfig config, Blobs blobs, ExampleSource examples, FrozenComponentCache cache, String executor) {
        this.config = config;
        this.blobs = blobs;
        this.examples = examples;
        this.cache = cache;
        this.executor = executor;
    }

    public CandidateResult train(CandidateSpec spec) throws IOException {
        TorchRuntime.prepareThread(config.threads());
        Stopwatch clock = new Stopwatch();
        Hyperparameters h = spec.hparams();
        ImagePreprocessor preprocessor = ImagePreprocessor.of(h, spec.normalisation());
        checkHead(spec);
        List<LabeledImage> train = split(spec, "train");
        List<LabeledImage> validation = split(spec, "validation");
        validation = validation.subList(0, Math.min(validation.size(), config.maxValidationExamples()));
        try (PathModel model = PathModel.load(spec.slots(), spec.seed(), blobs, cache)) {
            if (model.trainables().isEmpty()) {
                throw new IllegalArgumentException("candidate " + spec.candidateId() + " has no trainable component");
            }
            clock.lap("load");
            // A longer budget validates as often as a candidate does, and keeps its best snapshot, as the reference's
            // baselines.
            int stepsPerValidation = config.stepsBetweenValidations(train.size());
            int validations = config.validationsPerTraining() * spec.budgetScale();
            LearningRateSchedule schedule = LearningRateSchedule.of(h, stepsPerValidation * validations, validations);
            SgdMomentum optimizer = new SgdMomentum(
                    h.getDouble(Hyperparameter.OPT_MOMENTUM),
                    h.has(Hyperparameter.OPT_NESTEROV) && h.getBoolean(Hyperparameter.OPT_NESTEROV));
            TrainingBatches batches =
                    new TrainingBatches(train, preprocessor, config.batchSize(), new Random(spec.seed()));
            List<CandidateResult.Validation> history = new ArrayList<>();
            SnapshotKeeper keeper = new SnapshotKeeper(spec.scoreToBeat());
            // a long training (root pretraining, a baseline's budget) also says how far it is between validations
            ProgressLine progress = new ProgressLine(
                    "candidate " + spec.candidateId() + " of task "
                            + spec.task().name(),
                    "steps",
                    spec.budgetScale() > 1 ? (long) stepsPerValidation * validations : 0,
                    System::nanoTime,
                    LOG::info);
            for (int v = 0; v < validations; v++) {
                for (int s = 0; s < stepsPerValidation; s++) {
                    trainStep(
                            model,
                            spec.task().numClasses(),
                            optimizer,
                            batches,
                            schedule.at(v * stepsPerValidation + s));
                    progress.advance(1);
                }
                clock.lap("train");
                double quality = PathEvaluator.accuracy(
                        PathEvaluator.predict(model, validation, preprocessor, config.evalBatchSize()), validation);
                CandidateResult.Validation validated = new CandidateResult.Validation(
                        (v + 1) * stepsPerValidation, quality, quality * spec.scoreFactor());
                history.add(validated);
                boolean kept = keeper.offer(validated, () -> snapshot(model));
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
                clock.lap("validate");
            }
            Map<String, String> ids = new LinkedHashMap<>();
            Map<String, Long> params = new LinkedHashMap<>();
            for (Map.Entry<String, ComponentState> entry : keeper.snapshot().entrySet()) {
                ids.put(entry.getKey(), blobs.write(entry.getValue().encode()));
                params.put(entry.getKey(), entry.getValue().paramCount());
            }
            clock.lap("write");
            long images = (long) stepsPerValidation * validations * config.batchSize();
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
    }

    /** Test-split accuracy of a path whose slots are all frozen, with a digest of its predictions. */
    public TestResult test(CandidateSpec path) throws IOException {
        TorchRuntime.prepareThread(config.threads());
        for (ComponentSlot slot : path.slots()) {
            if (slot.trainable()) {
                throw new IllegalArgumentException("path " + path.candidateId() + " slot " + slot.name()
                        + " is not frozen; only committed paths can be tested");
            }
        }
        List<LabeledImage> test = split(path, "test");
        try (PathModel model = PathModel.load(path.slots(), path.seed(), blobs, cache)) {
            ImagePreprocessor resize = ImagePreprocessor.resizeOnly(
                    path.hparams().getInt(Hyperparameter.DS_IMAGE_SIZE), path.normalisation());
            int[] predictions = PathEvaluator.predict(model, test, resize, config.evalBatchSize());
            return new TestResult(
                    path.task().name(),
                    path.candidateId(),
                    PathEvaluator.accuracy(predictions, test),
                    test.size(),
                    PathEvaluator.digest(predictions));
        }
    }

    private static void trainStep(
            PathModel model, int classes, SgdMomentum optimizer, TrainingBatches batches, double lr) {
        try (NDManager step = TorchRuntime.newManager()) {
            NDList batch = batches.next(step);
            backward(model, batch.get(0), batch.get(1).oneHot(classes));
            optimizer.step(model.trainables(), lr, step);
        }
    }

    /** Forward with grad and backward of the mean cross-entropy against {@code oneHot}: fills the trainables' gradients. */
    public static void backward(PathModel model, NDArray images, NDArray oneHot) {
        JniUtils.setGradMode(true);
        try {
            // mean over the batch without a Java-held scalar (see ComponentBlock.scalar)
            NDArray loss = model.forward(images)
                    .logSoftmax(1)
                    .mul(oneHot)
                    .sum(new int[] {1})
                    .mean()
                    .neg();
            JniUtils.backward((PtNDArray) loss, (PtNDArray) loss.onesLike(), false, false);
        } finally {
            JniUtils.setGradMode(false);
        }
    }

    private static Map<String, ComponentState> snapshot(PathModel model) {
        Map<String, ComponentState> states = new LinkedHashMap<>();
        model.trainables().forEach(trainable -> states.put(trainable.slot().name(), trainable.state()));
        return states;
    }

    private static void checkHead(CandidateSpec spec) {
        for (ComponentSlot slot : spec.slots()) {
            if (slot.kind() == ComponentKind.HEAD
                    && slot.shape().get(1) != spec.task().numClasses()) {
                throw new IllegalArgumentException("candidate " + spec.candidateId() + " has a head for "
                        + slot.shape().get(1) + " classes but task "
                        + spec.task().name() + " has " + spec.task().numClasses());
            }
        }
    }

    private List<LabeledImage> split(CandidateSpec spec, String split) throws IOException {
        List<LabeledImage> list = examples.examples(spec.task().datasetUri(), split);
        if (list.isEmpty()) {
            throw new IllegalArgumentException("dataset " + spec.task().datasetUri() + " of task "
                    + spec.task().name() + " has no " + split + " examples");
        }
        int classes = spec.task().numClasses();
        for (LabeledImage image : list) {
            if (image.label() < 0 || image.label() >= classes) {
                throw new IllegalArgumentException("dataset " + spec.task().datasetUri() + " " + split
                        + " split has label " + image.label() + " outside [0, " + classes + ") of task "
                        + spec.task().name());
            }
        }
        return list;
    }
}
