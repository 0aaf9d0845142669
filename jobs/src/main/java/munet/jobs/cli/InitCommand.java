package munet.jobs.cli;

import java.io.IOException;
import java.util.List;
import munet.checkpoint.CheckpointFile;
import munet.checkpoint.RootImport;
import munet.checkpoint.VitCheckpoint;
import munet.config.InitSettings;
import munet.config.RunConfig;
import munet.evolution.CandidateResult;
import munet.evolution.CandidateSpec;
import munet.evolution.ComponentSlot;
import munet.evolution.RootSystem;
import munet.jobs.StoreJob;
import munet.jobs.UserError;
import munet.jobs.spark.SparkLearner;
import munet.jobs.spark.SparkSessions;
import munet.jobs.spark.TaskDatasets;
import munet.jobs.spark.TrainingLearnerFactory;
import munet.model.FreshComponents;
import munet.store.StoreLease;
import munet.system.Hyperparameter;
import munet.system.SystemState;
import munet.system.Task;
import munet.system.VitArchitecture;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code init}: creates a store whose first version holds only the root model, the ViT of
 * {@code munet.model}: randomly initialised, or first trained on a source dataset
 * ({@code munet.init.root = pretrain}) so that frozen root layers carry features worth reusing,
 * or imported from a pretrained checkpoint ({@code --from}, timm or vit_jax), whose
 * architecture and input normalisation then replace {@code munet.model}'s.
 */
@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        header = "create a store holding the root model (random, pretrained on a source dataset, or imported)",
        description = {
            "Creates the store's first version: the root model of munet.model, randomly initialised",
            "(munet.init.root = random) or trained on munet.init.pretrain.dataset (munet.init.root = pretrain),",
            "or a pretrained ViT imported with --from."
        })
public final class InitCommand implements Subcommand {

    @Mixin
    private final StoreOptions storeOptions = new StoreOptions();

    @Mixin
    private final LeaseOption leaseOption = new LeaseOption();

    private static final Logger LOG = LoggerFactory.getLogger(InitCommand.class);

    @Option(
            names = "--from",
            paramLabel = "FILE",
            description = {
                "import a pretrained ViT as the root instead: a timm model.safetensors (config.json beside it)",
                "or a vit_jax / augreg .npz; its dimensions, head and input mean/std are kept, its position",
                "embedding resampled to munet.model.image-size if that differs"
            })
    private String from;

    @Override
    public Integer call() throws IOException {
        StoreJob job = storeOptions.open(SparkSessions.hadoopConfiguration());
        RunConfig run = job.run();
        InitSettings init = InitSettings.from(job.config());
        // read before the store is touched: a bad checkpoint leaves no store behind
        VitCheckpoint checkpoint = from == null ? null : CheckpointFile.read(java.nio.file.Path.of(from));
        if (checkpoint != null) {
            checkImageSizes(checkpoint, run);
        }
        boolean creating = !job.store().fileSystem().exists(job.store().root());
        if (leaseOption.breakStale) {
            job.breakStaleLease("munet init");
        }
        try (StoreLease lease = job.acquireLease("munet init")) {
            long existing = job.store().latestVersion();
            if (existing > 0) {
                throw new UserError("store " + job.storeUri() + " already holds a system (version " + existing
                        + "); init only creates new stores: use evolve to add tasks");
            }
            SystemState committed;
            try {
                SystemState system = checkpoint != null
                        ? RootImport.system(
                                checkpoint,
                                run.rootSystem().hparams(),
                                run.model().imageSize(),
                                init.rootClasses(),
                                job.store().blobs())
                        : init.pretrain() ? pretrainedRoot(job, lease, run, init) : randomRoot(job, run, init);
                committed = job.store().commit(lease, system);
            } catch (IOException | RuntimeException e) {
                if (creating) { // under our lease: nobody else uses the folder this failed init created
                    job.store().fileSystem().delete(job.store().root(), true);
                }
                throw e;
            }
            if (checkpoint != null) {
                System.out.println(describe(checkpoint, committed));
            }
            System.out.printf(
                    "created store %s, version %d: root model of %d components, %,d parameters%s%n",
                    job.storeUri(),
                    committed.version(),
                    committed.components().size(),
                    committed.rootParams(),
                    Double.isNaN(committed.rootPaths().get(0).quality())
                            ? ""
                            : String.format(
                                    ", %.1f%% validation accuracy on its source task",
                                    100 * committed.rootPaths().get(0).quality()));
        }
        return 0;
    }

    /** Every image size the root and its descendants may use must cut into the checkpoint's patches. */
    private static void checkImageSizes(VitCheckpoint checkpoint, RunConfig run) {
        int patch = checkpoint.architecture().patchSize();
        if (run.model().imageSize() % patch != 0) {
            throw new UserError("munet.model.image-size " + run.model().imageSize()
                    + " is not a multiple of the patch size " + patch + " of " + checkpoint.source());
        }
        for (Object size : run.hparams().allowed().getOrDefault(Hyperparameter.DS_IMAGE_SIZE.key(), List.of())) {
            if (((Number) size).intValue() % patch != 0) {
                throw new UserError("munet.hparams.ds_image_size allows " + size + ", not a multiple of the patch size "
                        + patch + " of " + checkpoint.source());
            }
        }
    }

    private static String describe(VitCheckpoint checkpoint, SystemState system) {
        VitArchitecture a = system.architecture();
        munet.system.Path root = system.rootPaths().get(0);
        int imageSize = root.hparams().getInt(Hyperparameter.DS_IMAGE_SIZE);
        return String.format(
                "imported %s: ViT width %d, MLP %d, %d blocks, %d heads, patch %d, image %d%s, %s; input mean %s std %s",
                checkpoint.source(),
                a.hiddenSize(),
                a.mlpDim(),
                checkpoint.depth(),
                a.numHeads(),
                a.patchSize(),
                imageSize,
                imageSize == checkpoint.imageSize()
                        ? ""
                        : " (position embedding resampled from " + checkpoint.imageSize() + ")",
                checkpoint.hasHead()
                        ? "its head of " + checkpoint.numClasses() + " classes kept with the root path"
                        : "no head (a zero head added)",
                a.normalisation().mean(),
                a.normalisation().std());
    }

    private static SystemState randomRoot(StoreJob job, RunConfig run, InitSettings init) throws IOException {
        RootSystem root = run.rootSystem();
        List<ComponentSlot> slots = root.slots(init.rootClasses());
        return root.system(
                slots, FreshComponents.write(slots, run.seed(), job.store().blobs()), Double.NaN);
    }

    private static SystemState pretrainedRoot(StoreJob job, StoreLease lease, RunConfig run, InitSettings init)
            throws IOException {
        String dataset = StoreJob.absolute(init.pretrainDataset());
        int classes = TaskDatasets.numClasses(dataset, "munet.init.pretrain.dataset", job.config());
        RootSystem root = run.rootSystem();
        List<ComponentSlot> slots = root.slots(classes);
        Task source = new Task("root-pretraining", classes, true, dataset);
        CandidateSpec spec = CandidateSpec.standalone(
                "root-pretraining", source, null, slots, root.hparams(), run.seed(), init.pretrainBudgetScale());
        LOG.info("pretraining the root on {} ({} classes) with budget scale {}", dataset, classes, spec.budgetScale());
        try (SparkSession session = SparkSessions.start("munet init")) {
            JavaSparkContext spark = JavaSparkContext.fromSparkContext(session.sparkContext());
            CandidateResult result = new SparkLearner(
                            spark,
                            TrainingLearnerFactory.of(job.storeUri(), job.config(), lease),
                            () -> "pretrain root")
                    .train(List.of(spec))
                    .get(0);
            if (!result.improved()) {
                throw new IllegalStateException(
                        "root pretraining kept no snapshot (validation scores " + result.validations() + ")");
            }
            return root.system(slots, result.newComponentIds(), result.bestQuality());
        }
    }
}
