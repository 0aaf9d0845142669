package munet.jobs.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;

/**
 * Start and end of every Spark job, from the scheduler's events (in the listener's clock, epoch
 * milliseconds): what of a generation's wall time the cluster spent, the rest being the driver's.
 */
final class SparkJobTimes extends SparkListener {

    /** One finished job. */
    record Job(long startMillis, long endMillis) {
        double seconds() {
            return (endMillis - startMillis) / 1e3;
        }
    }

    private final Map<Integer, Long> started = new ConcurrentHashMap<>();
    private final List<Job> jobs = new ArrayList<>();

    @Override
    public void onJobStart(SparkListenerJobStart start) {
        started.put(start.jobId(), start.time());
    }

    @Override
    public synchronized void onJobEnd(SparkListenerJobEnd end) {
        Long start = started.remove(end.jobId());
        if (start != null) {
            jobs.add(new Job(start, end.time()));
        }
    }

    /** Seconds of the jobs that ran wholly within {@code [fromMillis, toMillis]}. */
    synchronized double secondsWithin(long fromMillis, long toMillis) {
        return jobs.stream()
                .filter(job -> job.startMillis() >= fromMillis && job.endMillis() <= toMillis)
                .mapToDouble(Job::seconds)
                .sum();
    }
}
