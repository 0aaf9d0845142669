package munet.jobs.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Every Spark job of a run with the run time of its tasks, from the scheduler's events: how busy
 * the executors were, how much of a job was not its longest task (Spark's own overhead: scheduling,
 * serialisation, results back; when jobs run at once, also the wait for a free slot), and when no
 * job ran at all (the driver alone).
 */
final class SweepListener extends SparkListener {

    /** One finished job: its interval (epoch ms), its tasks' summed and longest run time (ms). */
    record Job(long startMillis, long endMillis, long taskMillis, long longestTaskMillis) {
        long overheadMillis() {
            return Math.max(0, endMillis - startMillis - longestTaskMillis);
        }
    }

    private final Map<Integer, Integer> jobOfStage = new HashMap<>();
    private final Map<Integer, long[]> running = new HashMap<>(); // job -> start, task ms, longest task ms
    private final List<Job> jobs = new ArrayList<>();

    @Override
    public synchronized void onJobStart(SparkListenerJobStart start) {
        running.put(start.jobId(), new long[] {start.time(), 0, 0});
        start.stageIds().foreach(stage -> jobOfStage.put((Integer) stage, start.jobId()));
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        long[] job = running.get(jobOfStage.get(end.stageId()));
        if (job != null) {
            long millis = end.taskInfo().duration();
            job[1] += millis;
            job[2] = Math.max(job[2], millis);
        }
    }

    @Override
    public synchronized void onJobEnd(SparkListenerJobEnd end) {
        long[] job = running.remove(end.jobId());
        if (job != null) {
            jobs.add(new Job(job[0], end.time(), job[1], job[2]));
        }
    }

    synchronized List<Job> jobs() {
        return List.copyOf(jobs);
    }

    /** Milliseconds within {@code [from, to]} in which no job ran. */
    synchronized long idleMillis(long from, long to) {
        List<Job> sorted = new ArrayList<>(jobs);
        sorted.sort(Comparator.comparingLong(Job::startMillis));
        long idle = 0;
        long covered = from;
        for (Job job : sorted) {
            if (job.startMillis() > covered) {
                idle += Math.min(job.startMillis(), to) - covered;
            }
            covered = Math.max(covered, job.endMillis());
        }
        return idle + Math.max(0, to - covered);
    }
}
