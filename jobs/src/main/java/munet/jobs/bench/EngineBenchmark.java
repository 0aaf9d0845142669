package munet.jobs.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import munet.data.ExampleSource;
import munet.evolution.CandidateResult;
import munet.evolution.CandidateSpec;
import munet.evolution.ComponentSlot;
import munet.model.FreshComponents;
import munet.model.FrozenComponentCache;
import munet.model.PathModel;
import munet.model.TorchRuntime;
import munet.store.InMemoryBlobs;
import munet.system.ComponentKind;
import munet.system.ComponentNames;
import munet.system.Hyperparameter;
import munet.system.Hyperparameters;
import munet.system.Task;
import munet.system.VitArchitecture;
import munet.train.CandidateTrainer;
import munet.train.StripeImages;
import munet.train.TrainingConfig;

/**
 * Engine throughput, printed as a Markdown table: fp32 matmul FLOP/s through DJL; trainer
 * images/s with every component trainable vs only the top block + norm + head, on 1 and 2
 * threads; achieved training FLOP/s as a fraction of matmul; two concurrent candidates on one
 * thread each vs one on two threads; a bare DJL loop (fixed batch, plain SGD) on the same model
 * to show the trainer's overhead. Run on a quiet machine:
 * {@code java -cp ... munet.jobs.bench.EngineBenchmark [hidden mlp heads layers image patch batch steps]}
 * (defaults 192 768 3 4 32 4 64 20).
 */
public final class EngineBenchmark {
    private final VitArchitecture arch;
    private final int layers;
    private final int image;
    private final int batch;
    private final int steps;
    private final Task task = new Task("benchmark", 8, false, "memory://stripes");
    private final InMemoryBlobs blobs = new InMemoryBlobs();
    private final FrozenComponentCache cache = new FrozenComponentCache(1L << 32);
    private final Map<String, String> rootIds;

    private EngineBenchmark(int[] a) throws IOException {
        arch = new VitArchitecture(a[0], a[1], a[2], a[5], 3);
        layers = a[3];
        image = a[4];
        batch = a[6];
        steps = a[7];
        rootIds = FreshComponents.write(
                names().stream()
                        .map(n -> new ComponentSlot(n, ComponentKind.ofName(n), shape(n), new ComponentSlot.Fresh()))
                        .toList(),
                1,
                blobs);
    }

    public static void main(String[] args) throws Exception {
        int[] values = {192, 768, 3, 4, 32, 4, 64, 20};
        for (int i = 0; i < args.length && i < values.length; i++) {
            values[i] = Integer.parseInt(args[i]);
        }
        new EngineBenchmark(values).run();
    }

    /** The benchmark of a ViT of this size, for callers that report the figures themselves ({@code munet bench perf}). */
    public static EngineBenchmark of(
            int hidden, int mlp, int heads, int layers, int image, int patch, int batch, int steps) throws IOException {
        return new EngineBenchmark(new int[] {hidden, mlp, heads, layers, image, patch, batch, steps});
    }

    /** fp32 matmul GFLOP/s through DJL on {@code threads} threads. */
    public double matmulGflops(int threads) throws Exception {
        return onThread(EngineBenchmark::matmulFlops, threads);
    }

    /** Images/s of the bare loop over {@code stepCount} steps (fixed batch, plain SGD, every component trainable). */
    public double bareLoopImagesPerSecond(int threads, int stepCount) throws Exception {
        return onThread(() -> bareLoop(threads, stepCount), threads);
    }

    /** Images/s of the candidate trainer's training phase over {@code stepCount} steps, every component trainable, on synthetic images. */
    public double trainerImagesPerSecond(int threads, int stepCount) throws Exception {
        return onThread(() -> train(names(), threads, stepCount), threads);
    }

    /**
     * Images/s of a generation of {@code candidates} candidates on one thread that train only the top
     * block, final norm and a fresh head (each its own learning rate) on {@code task}'s examples
     * and draw the same batches: trained together (each training and validation batch prepared
     * and its frozen embeddings and lower blocks computed once) or one after another, as each
     * would alone.
     */
    public GenerationRate sharedPrefixGeneration(
            int candidates, boolean together, Task on, ExampleSource examples, TrainingConfig training, int budgetScale)
            throws Exception {
        return onThread(() -> sharedPrefix(candidates, together, on, examples, training, budgetScale), 1);
    }

    /** A generation's images trained per second of its training phase, and per second of its whole run (load, validations, blob writes). */
    public record GenerationRate(double training, double generation) {}

    /** Multiply-add FLOPs of training one image with every component trainable (forward + twice that backward). */
    public double trainingFlopsPerImage() {
        return 3 * forwardFlops(layers);
    }

    private void run() throws Exception {
        List<String> all = names();
        List<String> top =
                List.of(ComponentNames.encoderBlock(layers - 1), ComponentNames.FINAL_NORM, ComponentNames.HEAD);
        onThread(() -> train(all, 1, 1), 1); // warm-up: engine load, JIT
        double[] matmul = {0, onThread(() -> matmulFlops(), 1), onThread(() -> matmulFlops(), 2)};
        double fullFlops = 3 * forwardFlops(layers);
        double topFlops = forwardFlops(layers) + 2 * forwardFlops(1);
        System.out.printf(
                "ViT hidden %d, mlp %d, heads %d, %d layers, image %d, patch %d, batch %d, %d steps per row%n%n",
                arch.hiddenSize(), arch.mlpDim(), arch.numHeads(), layers, image, arch.patchSize(), batch, steps);
        System.out.println("| measurement | threads | images/s | GFLOP/s | fraction of matmul |");
        System.out.println("|---|---|---|---|---|");
        for (int threads = 1; threads <= 2; threads++) {
            row("fp32 matmul 1024x1024 (DJL)", threads, Double.NaN, matmul[threads], 1.0);
        }
        for (int threads = 1; threads <= 2; threads++) {
            int t = threads;
            double full = onThread(() -> train(all, t, steps), t);
            row(
                    "trainer, all components trainable",
                    t,
                    full,
                    full * fullFlops / 1e9,
                    full * fullFlops / 1e9 / matmul[t]);
            double upper = onThread(() -> train(top, t, steps), t);
            row(
                    "trainer, top block + norm + head",
                    t,
                    upper,
                    upper * topFlops / 1e9,
                    upper * topFlops / 1e9 / matmul[t]);
            double bare = onThread(() -> bareLoop(t, steps), t);
            row("bare DJL loop, all trainable", t, bare, bare * fullFlops / 1e9, bare * fullFlops / 1e9 / matmul[t]);
        }
        double concurrent = concurrentPair(all);
        row(
                "2 candidates concurrently, 1 thread each (total)",
                2,
                concurrent,
                concurrent * fullFlops / 1e9,
                concurrent * fullFlops / 1e9 / matmul[2]);
        StripeImages stripes = new StripeImages(task.numClasses(), image, 4 * batch, 1);
        GenerationRate apart = sharedPrefixGeneration(4, false, task, stripes, trainingConfig(1, steps), 1);
        GenerationRate together = sharedPrefixGeneration(4, true, task, stripes, trainingConfig(1, steps), 1);
        System.out.printf(
                "%n4 candidates training the top block, norm and head on the same batches, 1 thread: %.1f images/s one"
                        + " after another, %.1f trained together (%.2fx)%n",
                apart.training(), together.training(), together.training() / apart.training());
    }

    private static void row(String what, int threads, double imagesPerSecond, double gflops, double fraction) {
        System.out.printf(
                "| %s | %d | %s | %.1f | %.2f |%n",
                what,
                threads,
                Double.isNaN(imagesPerSecond) ? "-" : String.format("%.1f", imagesPerSecond),
                gflops,
                fraction);
    }

    /** Images/s of the trainer's training phase for a candidate cloning {@code trainable} and freezing the rest. */
    private double train(List<String> trainable, int threads, int stepCount) throws IOException {
        StripeImages examples = new StripeImages(task.numClasses(), image, 4 * batch, 1);
        CandidateResult result = new CandidateTrainer(
                        trainingConfig(threads, stepCount), blobs, examples, cache, "benchmark")
                .train(spec("benchmark", trainable, 0.01));
        return result.imagesTrained() / result.seconds().get("train");
    }

    private TrainingConfig trainingConfig(int threads, int stepCount) {
        return new TrainingConfig(batch, stepCount, 1, batch, batch, threads, 1L << 32, 2);
    }

    private GenerationRate sharedPrefix(
            int candidates, boolean together, Task on, ExampleSource examples, TrainingConfig training, int budgetScale)
            throws IOException {
        List<String> top =
                List.of(ComponentNames.encoderBlock(layers - 1), ComponentNames.FINAL_NORM, ComponentNames.HEAD);
        List<CandidateSpec> specs = new ArrayList<>();
        for (int i = 0; i < candidates; i++) {
            specs.add(spec("candidate-" + i, on, top, 0.01 * (i + 1), budgetScale));
        }
        CandidateTrainer trainer = new CandidateTrainer(training, blobs, examples, cache, "benchmark");
        List<CandidateResult> results = new ArrayList<>();
        if (together) {
            results.addAll(trainer.trainTogether(specs));
        } else {
            for (CandidateSpec spec : specs) {
                results.add(trainer.train(spec));
            }
        }
        long images = results.stream().mapToLong(CandidateResult::imagesTrained).sum();
        // trained together, every result reports the group's seconds
        List<CandidateResult> timed = together ? results.subList(0, 1) : results;
        return new GenerationRate(
                images
                        / timed.stream()
                                .mapToDouble(r -> r.seconds().get("train"))
                                .sum(),
                images
                        / timed.stream()
                                .mapToDouble(CandidateResult::totalSeconds)
                                .sum());
    }

    /** Total images/s of two candidates training at once, one thread each: the sum of their training-phase rates. */
    private double concurrentPair(List<String> trainable) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Double>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    TorchRuntime.prepareThread(1);
                    return train(trainable, 1, steps);
                }));
            }
            double total = 0;
            for (Future<Double> run : runs) {
                total += run.get();
            }
            return total;
        } finally {
            pool.shutdown();
        }
    }

    /** Forward, backward and a plain SGD update on one fixed batch: no augmentation, clipping, momentum or validation. */
    private double bareLoop(int threads, int stepCount) throws IOException {
        TorchRuntime.prepareThread(threads);
        try (PathModel model = PathModel.load(spec("bare", names(), 0.01).slots(), 1, blobs, cache);
                NDManager data = TorchRuntime.newManager()) {
            NDArray images = data.randomUniform(-1, 1, new Shape(batch, 3, image, image));
            NDArray oneHot = data.randomInteger(
                            0, task.numClasses(), new Shape(batch), ai.djl.ndarray.types.DataType.INT64)
                    .oneHot(task.numClasses());
            long start = System.nanoTime();
            for (int s = 0; s < stepCount; s++) {
                try (NDManager step = TorchRuntime.newManager()) {
                    images.tempAttach(step);
                    CandidateTrainer.backward(model, images, 0, oneHot);
                    NDArray lr = step.full(new Shape(), 0.01f);
                    for (PathModel.Trainable trainable : model.trainables()) {
                        for (NDArray parameter : trainable.block().arrays().values()) {
                            NDArray gradient = parameter.getGradient();
                            gradient.attach(step);
                            NDArray update = gradient.mul(lr);
                            parameter.subi(update);
                            JniUtils.zeroGrad((PtNDArray) parameter);
                        }
                    }
                }
            }
            return (double) stepCount * batch / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static double matmulFlops() {
        int n = 1024;
        int repeats = 20;
        try (NDManager manager = TorchRuntime.newManager()) {
            NDArray a = manager.randomNormal(new Shape(n, n));
            NDArray b = manager.randomNormal(new Shape(n, n));
            a.matMul(b).close();
            long start = System.nanoTime();
            for (int i = 0; i < repeats; i++) {
                a.matMul(b).close();
            }
            return 2.0 * n * n * n * repeats / ((System.nanoTime() - start) / 1e9) / 1e9;
        }
    }

    /** Multiply-add FLOPs of one image's forward pass through the patch embedding and {@code blocks} encoder blocks. */
    private double forwardFlops(int blocks) {
        double h = arch.hiddenSize();
        double t = arch.tokens(image);
        double patchValues = (double) arch.patchSize() * arch.patchSize() * 3;
        double block = 2 * t * (4 * h * h + 2 * h * arch.mlpDim()) + 2 * 2 * t * t * h;
        return 2 * (t - 1) * patchValues * h + blocks * block;
    }

    /** Runs {@code work} on a fresh thread: PyTorch fixes a thread's intra-op count at its first op. */
    private static <T> T onThread(Callable<T> work, int threads) throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            return thread.submit(() -> {
                        TorchRuntime.prepareThread(threads);
                        return work.call();
                    })
                    .get();
        } finally {
            thread.shutdown();
        }
    }

    private List<String> names() {
        return ComponentNames.ofPath(layers, new TreeSet<>());
    }

    private List<Integer> shape(String name) {
        return arch.shapeOf(name, image, 32, task.numClasses());
    }

    private CandidateSpec spec(String candidateId, List<String> trainable, double lr) {
        return spec(candidateId, task, trainable, lr, 1);
    }

    private CandidateSpec spec(String candidateId, Task on, List<String> trainable, double lr, int budgetScale) {
        List<ComponentSlot> slots = new ArrayList<>();
        for (String name : names()) {
            String id = rootIds.get(name);
            ComponentSlot.Source source;
            if (!trainable.contains(name)) {
                source = new ComponentSlot.Frozen(id);
            } else if (on == task || !name.equals(ComponentNames.HEAD)) {
                source = new ComponentSlot.Clone(id);
            } else {
                source = new ComponentSlot.Fresh(); // another task's classes: a new head, as µ2Net gives a new task
            }
            slots.add(new ComponentSlot(
                    name, ComponentKind.ofName(name), arch.shapeOf(name, image, 32, on.numClasses()), source));
        }
        Hyperparameters h = new Hyperparameters(Map.of())
                .with(Hyperparameter.OPT_LR, lr)
                .with(Hyperparameter.OPT_LR_SCHEDULE, "cosine")
                .with(Hyperparameter.OPT_LR_WARMUP_RATIO, 0.1)
                .with(Hyperparameter.OPT_MOMENTUM, 0.9)
                .with(Hyperparameter.OPT_NESTEROV, false)
                .with(Hyperparameter.DS_IMAGE_SIZE, image)
                .with(Hyperparameter.DS_CROP, true)
                .with(Hyperparameter.DS_AREA_RANGE_MIN, 0.05)
                .with(Hyperparameter.DS_ASPECT_RATIO_RANGE_MIN, 0.75)
                .with(Hyperparameter.DS_FLIP_LEFT_RIGHT, true)
                .with(Hyperparameter.DS_BRIGHTNESS_DELTA, 0.0)
                .with(Hyperparameter.DS_CONTRAST_DELTA, 0.0)
                .with(Hyperparameter.DS_SATURATION_DELTA, 0.0)
                .with(Hyperparameter.DS_HUE_DELTA, 0.0);
        return CandidateSpec.standalone(candidateId, on, "root", slots, h, 7, budgetScale);
    }
}
