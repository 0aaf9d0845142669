package munet.jobs.spark;

import java.io.IOException;
import munet.evolution.EvolutionRun;
import munet.evolution.IterationJournal;
import munet.evolution.SweepRun;
import munet.evolution.SweepSchedule;
import munet.store.StoreLease;
import munet.store.SystemStore;
import munet.system.SystemState;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A concurrent sweep against a store on Spark. Each task iteration submits its jobs in the
 * fair-scheduler pool of the sweep thread that runs it (one pool per thread, so each running
 * iteration has its own and none starves another; Spark creates and warns about each pool once,
 * K pools rather than one per task) and in a job group of its task, whose job descriptions start
 * with the sweep's progress line; its generations are saved in its own checkpoint; the sweep's
 * start, every generation's history and checkpoint, every commit and the clearing of a committed
 * iteration's checkpoint are fenced on the job's lease.
 */
final class SparkSweep implements SweepRun.Host {
    private static final Logger LOG = LoggerFactory.getLogger(SparkSweep.class);

    private final JavaSparkContext spark;
    private final SystemStore store;
    private final StoreLease lease;
    private final ExecutorLearnerFactory learners;
    private final IterationJournal observer;
    private final EvolutionRun.Commits commits;
    private final int generationsPerIteration;
    private volatile SweepProgress progress;

    SparkSweep(
            JavaSparkContext spark,
            SystemStore store,
            StoreLease lease,
            ExecutorLearnerFactory learners,
            IterationJournal observer,
            EvolutionRun.Commits commits,
            int generationsPerIteration) {
        this.spark = spark;
        this.store = store;
        this.lease = lease;
        this.learners = learners;
        this.observer = observer;
        this.commits = commits;
        this.generationsPerIteration = generationsPerIteration;
    }

    @Override
    public void begin(SweepRun.Start start, SweepSchedule schedule, int committed) throws IOException {
        store.sweep().begin(lease, start);
        progress = new SweepProgress(schedule.size(), committed, generationsPerIteration);
        LOG.info(
                "sweep from version {}: {} task iterations, up to {} at once, {} committed before",
                start.startVersion(),
                schedule.size(),
                start.concurrentTasks(),
                committed);
    }

    @Override
    public SweepRun.Slot open(String task, int pass) {
        spark.sc()
                .setLocalProperty("spark.scheduler.pool", Thread.currentThread().getName());
        spark.sc().setJobGroup("munet " + task + " pass " + (pass + 1), "munet task " + task, false);
        SweepProgress sweep = progress;
        GenerationProgress generations = new GenerationProgress(
                new StoreJournal(store, lease, store.sweep().iteration(task), observer));
        SparkLearner learner = new SparkLearner(spark, learners, () -> sweep.line() + " | " + generations.status());
        return new SweepRun.Slot(sweep.counting(learner), sweep.reporting(generations));
    }

    @Override
    public SystemState load(long version) throws IOException {
        return store.load(version);
    }

    @Override
    public void commit(SystemState next, String task) throws IOException {
        SystemState committed = store.commit(lease, next);
        LOG.info("committed version {} (task {})", committed.version(), task);
        commits.commit(committed);
        store.sweep().iteration(task).clear(lease);
        progress.committed();
    }
}
