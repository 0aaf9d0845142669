package munet.jobs;

import com.typesafe.config.Config;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import munet.checkpoint.CheckpointFile;
import munet.checkpoint.RootImport;
import munet.checkpoint.VitCheckpoint;
import munet.config.RunConfig;
import munet.evolution.CandidateResult;
import munet.evolution.CandidateSpec;
import munet.evolution.ComponentSlot;
import munet.model.FreshComponents;
import munet.store.StoreLease;
import munet.system.Component;
import munet.system.ComponentKind;
import munet.system.ComponentNames;
import munet.system.Hyperparameters;
import munet.system.Path;
import munet.system.SystemState;
import munet.system.Task;
import munet.system.VitArchitecture;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code init}: creates a store whose first version holds only the root model, the ViT of
 * {@code munet.model}: randomly initialised, or first trained on a source dataset
 * ({@code munet.init.root = pretrain}) so that frozen root layers carry features worth reusing,
 * or imported from a pretrained checkpoint ({@code --from}, timm or vit_jax), whose
 * architecture and input normalisation then replace {@code munet.model}'s.
 */
final class InitCommand implements Subcommand {
  private static final Logger LOG = LoggerFactory.getLogger(InitCommand.class);
  private static final List<String> FROM_OPTIONS = List.of("--config", "--store", "--from");

  @Override
  public String name() {
    return "init";
  }

  @Override
  public String summary() {
    return "create a store holding the root model (random, or pretrained on a source dataset)";
  }

  @Override
  public String usage() {
    return """
        usage: munet init [--from CHECKPOINT] [--config FILE] [--store URI]
          Creates the store's first version: the root model of munet.model, randomly initialised
          (munet.init.root = random) or trained on munet.init.pretrain.dataset (munet.init.root = pretrain).
          --from FILE     import a pretrained ViT as the root instead: a timm model.safetensors (config.json
                          beside it) or a vit_jax / augreg .npz; its dimensions, head and input mean/std are
                          kept, its position embedding resampled to munet.model.image-size if that differs
        """ + StoreJob.OPTIONS_USAGE;
  }

  @Override
  public int run(List<String> args) throws IOException {
    CommandLine line = CommandLine.parse(args, FROM_OPTIONS);
    StoreJob job = StoreJob.open(line, SparkSessions.hadoopConfiguration());
    RunConfig run = job.run();
    Config init = job.config().getConfig("munet.init");
    String from = line.option("--from", null);
    // read before the store is touched: a bad checkpoint leaves no store behind
    VitCheckpoint checkpoint = from == null ? null : CheckpointFile.read(java.nio.file.Path.of(from));
    if (checkpoint != null) {
      checkImageSizes(checkpoint, run);
    }
    String root = checkpoint != null ? "import" : init.getString("root");
    if (checkpoint == null && !root.equals("random") && !root.equals("pretrain")) {
      throw new IllegalArgumentException("munet.init.root must be random or pretrain, got " + root);
    }
    boolean creating = !job.store().fileSystem().exists(job.store().root());
    try (StoreLease lease = job.store().acquireLease("munet init", job.settings())) {
      long existing = job.store().latestVersion();
      if (existing > 0) {
        throw new UserError("store " + job.storeUri() + " already holds a system (version " + existing
            + "); init only creates new stores: use evolve to add tasks");
      }
      SystemState committed;
      try {
        SystemState system = switch (root) {
          case "import" -> RootImport.system(checkpoint, run.rootHyperparameters(), run.model().imageSize(),
              init.getInt("root-classes"), job.store().blobs());
          case "random" -> randomRoot(job, run, init);
          default -> pretrainedRoot(job, run, init);
        };
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
      System.out.printf("created store %s, version %d: root model of %d components, %,d parameters%s%n", job.storeUri(),
          committed.version(), committed.components().size(), committed.rootParams(),
          Double.isNaN(committed.rootPaths().get(0).quality()) ? ""
              : String.format(", %.1f%% validation accuracy on its source task", 100 * committed.rootPaths().get(0).quality()));
    }
    return 0;
  }

  /** Every image size the root and its descendants may use must cut into the checkpoint's patches. */
  private static void checkImageSizes(VitCheckpoint checkpoint, RunConfig run) {
    int patch = checkpoint.architecture().patchSize();
    if (run.model().imageSize() % patch != 0) {
      throw new UserError("munet.model.image-size " + run.model().imageSize() + " is not a multiple of the patch size " + patch
          + " of " + checkpoint.source());
    }
    for (Object size : run.hparams().allowed().getOrDefault("ds_image_size", List.of())) {
      if (((Number) size).intValue() % patch != 0) {
        throw new UserError("munet.hparams.ds_image_size allows " + size + ", not a multiple of the patch size " + patch + " of "
            + checkpoint.source());
      }
    }
  }

  private static String describe(VitCheckpoint checkpoint, SystemState system) {
    VitArchitecture a = system.architecture();
    munet.system.Path root = system.rootPaths().get(0);
    int imageSize = root.hparams().getInt("ds_image_size");
    return String.format("imported %s: ViT width %d, MLP %d, %d blocks, %d heads, patch %d, image %d%s, %s; input mean %s std %s",
        checkpoint.source(), a.hiddenSize(), a.mlpDim(), checkpoint.depth(), a.numHeads(), a.patchSize(), imageSize,
        imageSize == checkpoint.imageSize() ? "" : " (position embedding resampled from " + checkpoint.imageSize() + ")",
        checkpoint.hasHead() ? "its head of " + checkpoint.numClasses() + " classes kept with the root path" : "no head (a zero head added)",
        a.normalisation().mean(), a.normalisation().std());
  }

  private static SystemState randomRoot(StoreJob job, RunConfig run, Config init) throws IOException {
    List<ComponentSlot> slots = rootSlots(run, init.getInt("root-classes"));
    Map<String, String> ids = FreshComponents.write(slots, run.seed(), job.store().blobs());
    return rootSystem(run, slots, ids, Double.NaN);
  }

  private static SystemState pretrainedRoot(StoreJob job, RunConfig run, Config init) throws IOException {
    String dataset = StoreJob.absolute(init.getString("pretrain.dataset"));
    int classes = TaskDatasets.numClasses(dataset, "munet.init.pretrain.dataset", job.config());
    List<ComponentSlot> slots = rootSlots(run, classes);
    Task source = new Task("root-pretraining", classes, true, dataset);
    CandidateSpec spec = new CandidateSpec("root-pretraining", source, 0, 0, null, slots, run.rootHyperparameters(), List.of(),
        run.seed(), 1.0, Double.NEGATIVE_INFINITY, init.getInt("pretrain.budget-scale"));
    LOG.info("pretraining the root on {} ({} classes) with budget scale {}", dataset, classes, spec.budgetScale());
    try (SparkSession session = SparkSessions.start("munet init")) {
      JavaSparkContext spark = JavaSparkContext.fromSparkContext(session.sparkContext());
      CandidateResult result = new SparkLearner(spark, TrainingLearnerFactory.of(job.storeUri(), job.config()),
          () -> "pretrain root").train(List.of(spec)).get(0);
      if (!result.improved()) {
        throw new IllegalStateException("root pretraining kept no snapshot (validation scores " + result.validations() + ")");
      }
      return rootSystem(run, slots, result.newComponentIds(), result.bestQuality());
    }
  }

  private static List<ComponentSlot> rootSlots(RunConfig run, int numClasses) {
    VitArchitecture architecture = run.model().architecture();
    Hyperparameters hparams = run.rootHyperparameters();
    List<ComponentSlot> slots = new ArrayList<>();
    for (String name : ComponentNames.ofPath(run.model().rootLayers(), new TreeSet<>())) {
      List<Integer> shape = architecture.shapeOf(name, run.model().imageSize(), hparams.getInt("adapter_dim"), numClasses);
      slots.add(new ComponentSlot(name, ComponentKind.ofName(name), shape, new ComponentSlot.Fresh()));
    }
    return slots;
  }

  private static SystemState rootSystem(RunConfig run, List<ComponentSlot> slots, Map<String, String> ids, double quality) {
    Map<String, Component> components = new LinkedHashMap<>();
    List<String> componentIds = new ArrayList<>();
    for (ComponentSlot slot : slots) {
      String id = ids.get(slot.name());
      components.put(id, new Component(id, slot.name(), slot.kind(), slot.shape(), VitArchitecture.paramCount(slot.kind(), slot.shape()),
          Set.of(Task.ROOT)));
      componentIds.add(id);
    }
    Path root = new Path("root", Task.ROOT, componentIds, slots.stream().map(ComponentSlot::name).toList(), run.rootHyperparameters(),
        null, quality, Double.NaN, null);
    return new SystemState(1, run.model().architecture(), Map.of(), components, Map.of(), List.of(root));
  }
}
