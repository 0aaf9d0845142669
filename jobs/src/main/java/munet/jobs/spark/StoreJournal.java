package munet.jobs.spark;

import java.io.IOException;
import java.util.List;
import munet.evolution.CandidateResult;
import munet.evolution.CandidateSpec;
import munet.evolution.IterationDiagnostics;
import munet.evolution.IterationJournal;
import munet.evolution.IterationState;
import munet.store.IterationCheckpoint;
import munet.store.LeaseFence;
import munet.store.SystemStore;

/**
 * Saves a task iteration in the store as it goes: the candidate history and the state to resume
 * from (in {@code checkpoint}) after every generation, the diagnostics at its end, each write
 * only while {@code fence} still holds the store's lease; then tells {@code observer}, one call at
 * a time even when iterations run concurrently.
 */
record StoreJournal(SystemStore store, LeaseFence fence, IterationCheckpoint checkpoint, IterationJournal observer)
        implements IterationJournal {

    @Override
    public void generationFinished(IterationState state, List<CandidateSpec> specs, List<CandidateResult> results)
            throws IOException {
        store.history().writeGeneration(fence, specs, results);
        checkpoint.save(fence, state);
        synchronized (observer) {
            observer.generationFinished(state, specs, results);
        }
    }

    @Override
    public void iterationFinished(IterationDiagnostics diagnostics) throws IOException {
        store.iterations().write(fence, diagnostics);
        synchronized (observer) {
            observer.iterationFinished(diagnostics);
        }
    }
}
