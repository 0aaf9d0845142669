package munet.jobs;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import munet.store.CandidateRow;
import munet.store.SystemStore;
import munet.system.SystemState;
import org.apache.hadoop.conf.Configuration;

/**
 * What an evolve run left in a store, in the terms two runs of one configuration are compared
 * by: the committed version, the root's component ids, the tasks in registration order, history rows per
 * "task/generation", the first task's first generation as planned (candidate, parent,
 * mutations, hyperparameters) and the executors that trained candidates.
 */
public record StoreSummary(
        long version,
        List<String> root,
        List<String> tasks,
        Map<String, Long> rowsPerGeneration,
        List<String> plannedFirst,
        List<String> executors) {

    public static StoreSummary of(String store) throws IOException {
        SystemStore opened = SystemStore.open(StoreJob.absolute(store), new Configuration());
        SystemState state =
                opened.loadLatest().orElseThrow(() -> new AssertionError("no committed version in " + store));
        List<CandidateRow> rows = opened.history().read();
        String firstTask = state.tasks().keySet().iterator().next();
        List<String> plannedFirst = rows.stream()
                .filter(r -> r.task().equals(firstTask) && r.generation() == 0)
                .sorted(Comparator.comparing(CandidateRow::candidateId))
                .map(r -> r.candidateId() + " parent " + r.parentId() + " " + r.mutations() + " " + r.hparams())
                .toList();
        return new StoreSummary(
                state.version(),
                state.rootPaths().get(0).componentIds(),
                List.copyOf(state.tasks().keySet()),
                rows.stream().collect(groupingBy(r -> r.task() + "/" + r.generation(), TreeMap::new, counting())),
                plannedFirst,
                rows.stream()
                        .map(r -> r.result().executor())
                        .distinct()
                        .sorted()
                        .toList());
    }
}
