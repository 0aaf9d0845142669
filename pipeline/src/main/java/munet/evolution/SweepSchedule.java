package munet.evolution;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import munet.system.SystemState;
import munet.system.Task;

/**
 * The task iterations of a concurrent sweep in the order they commit (the passes of {@link
 * EvolutionRun}, one after the other), and for each the iteration whose commit it starts from.
 * That start is fixed by the schedule, not by timing, so a sweep is deterministic: iteration
 * {@code i} starts from the commit of iteration {@code i - K} (at most K iterations run at once),
 * or later if its own task's previous iteration commits later (never two iterations of one task
 * at once), and never from an earlier commit than iteration {@code i - 1} starts from.
 *
 * @param entries the iterations in commit order
 * @param startsAfter for each iteration, the index of the iteration whose commit it starts from; -1
 *     for the version the sweep started from
 */
public record SweepSchedule(List<Entry> entries, List<Integer> startsAfter) {

    /** One task iteration: its task and its pass (0-based). */
    public record Entry(String task, int pass) {}

    public SweepSchedule {
        entries = List.copyOf(entries);
        startsAfter = List.copyOf(startsAfter);
    }

    /** The schedule of {@code passes} passes over {@code tasks} from {@code start} with up to {@code concurrent} at once. */
    public static SweepSchedule of(SystemState start, List<Task> tasks, int passes, int concurrent) {
        List<Entry> entries = new ArrayList<>();
        for (int pass = 0; pass < passes; pass++) {
            for (Task task : EvolutionRun.tasksOfPass(start, tasks, pass)) {
                entries.add(new Entry(task.name(), pass));
            }
        }
        List<Integer> startsAfter = new ArrayList<>();
        Map<String, Integer> previousOfTask = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            int after = Math.max(
                    i - concurrent, previousOfTask.getOrDefault(entries.get(i).task(), -1));
            startsAfter.add(i == 0 ? after : Math.max(after, startsAfter.get(i - 1)));
            previousOfTask.put(entries.get(i).task(), i);
        }
        return new SweepSchedule(entries, startsAfter);
    }

    public int size() {
        return entries.size();
    }
}
