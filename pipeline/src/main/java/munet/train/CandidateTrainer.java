package munet.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import munet.data.ExampleSource;
import munet.data.LabeledImage;
import munet.evolution.CandidateResult;
import munet.evolution.CandidateSpec;
import munet.evolution.ComponentSlot;
import munet.evolution.TestResult;
import munet.model.FrozenComponentCache;
import munet.model.PathModel;
import munet.model.TorchRuntime;
import munet.store.Blobs;
import munet.system.ComponentKind;
import munet.system.Hyperparameter;

/**
 * Trains one candidate on the calling thread (with its own intra-op thread count) and tests
 * frozen paths. Uses PyTorch's per-thread grad mode instead of DJL's one-per-JVM
 * GradientCollector, so several trainers can run concurrently in one JVM while sharing frozen
 * blocks through the {@link FrozenComponentCache}. Every random choice comes from the spec's seed.
 */
public final class CandidateTrainer {
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
        return trainTogether(List.of(spec)).get(0);
    }

    /**
     * Trains candidates of one {@link SharedTrainingKey} in lockstep on one stream of batches: each
     * batch is augmented once and their common frozen prefix computed once, then each candidate
     * takes its step; each validation batch too is resized once and its prefix computed once. Every candidate ends exactly as it would trained alone (same blobs, same
     * validations); the phase seconds are the group's.
     */
    public List<CandidateResult> trainTogether(List<CandidateSpec> specs) throws IOException {
        TorchRuntime.prepareThread(config.threads());
        Stopwatch clock = new Stopwatch();
        CandidateSpec first = specs.get(0);
        SharedTrainingKey key = SharedTrainingKey.of(first);
        for (CandidateSpec spec : specs) {
            checkHead(spec);
            if (!SharedTrainingKey.of(spec).equals(key)) {
                throw new IllegalArgumentException("candidate " + spec.candidateId() + " cannot train together with "
                        + first.candidateId() + ": they differ in batches or frozen prefix");
            }
        }
        ImagePreprocessor preprocessor = ImagePreprocessor.of(first.hparams(), first.normalisation());
        List<LabeledImage> train = split(first, "train");
        List<LabeledImage> validation = split(first, "validation");
        validation = validation.subList(0, Math.min(validation.size(), config.maxValidationExamples()));
        List<CandidateRun> runs = new ArrayList<>();
        try {
            for (CandidateSpec spec : specs) {
                runs.add(CandidateRun.start(spec, config, train.size(), blobs, cache));
            }
            clock.lap("load");
            int stepsPerValidation = runs.get(0).stepsPerValidation();
            int validations = runs.get(0).validations();
            int prefix = key.frozenPrefix().size();
            int classes = first.task().numClasses();
            try (TrainingBatches batches = new TrainingBatches(
                    train,
                    preprocessor,
                    config.batchSize(),
                    new Random(key.batchSeed()),
                    stepsPerValidation * validations,
                    config.prefetchBatches(),
                    first.candidateId())) {
                for (int v = 0; v < validations; v++) {
                    for (int s = 0; s < stepsPerValidation; s++) {
                        try (NDManager step = TorchRuntime.newManager()) {
                            NDList batch = batches.next(step);
                            NDArray input = runs.get(0).model().frozenPrefix(batch.get(0), prefix);
                            NDArray oneHot = batch.get(1).oneHot(classes);
                            for (CandidateRun run : runs) {
                                run.step(input, prefix, oneHot, v * stepsPerValidation + s, step);
                            }
                        }
                    }
                    clock.lap("train");
                    int[][] predictions = PathEvaluator.predictTogether(
                            runs.stream().map(CandidateRun::model).toList(),
                            prefix,
                            validation,
                            preprocessor,
                            config.evalBatchSize());
                    for (int r = 0; r < runs.size(); r++) {
                        runs.get(r).validate(v, predictions[r], validation);
                    }
                    clock.lap("validate");
                }
            }
            long images = (long) stepsPerValidation * validations * config.batchSize();
            List<CandidateResult> results = new ArrayList<>();
            for (CandidateRun run : runs) {
                results.add(run.finish(blobs, images, clock, executor));
            }
            return results;
        } finally {
            runs.forEach(CandidateRun::close);
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

    /**
     * Forward with grad from the output of the model's first {@code from} blocks and backward of the
     * mean cross-entropy against {@code oneHot}: fills the trainables' gradients.
     */
    public static void backward(PathModel model, NDArray input, int from, NDArray oneHot) {
        JniUtils.setGradMode(true);
        try {
            // mean over the batch without a Java-held scalar (see ComponentBlock.scalar)
            NDArray loss = model.forward(input, from)
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
