package munet.jobs.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import munet.evolution.CandidateResult;
import munet.evolution.CandidateSpec;
import munet.evolution.Learner;
import munet.evolution.TestResult;
import munet.jobs.PausePoint;
import munet.store.BlobStore;
import munet.store.FinishedCandidates;
import munet.store.LeaseFence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every trained candidate's result in the store (if the job still holds the lease) and
 * returns the recorded one when the same candidate comes again: after a killed job resumes a
 * generation, only the candidates that had not finished are trained. A recorded result whose
 * blobs are gone (removed by hand, or by a gc that did not know them) is trained again.
 */
final class ResumableLearner implements Learner {
    private static final Logger LOG = LoggerFactory.getLogger(ResumableLearner.class);

    private final Learner trainer;
    private final FinishedCandidates finished;
    private final LeaseFence fence;
    private final BlobStore blobs;

    ResumableLearner(Learner trainer, FinishedCandidates finished, LeaseFence fence, BlobStore blobs) {
        this.trainer = trainer;
        this.finished = finished;
        this.fence = fence;
        this.blobs = blobs;
    }

    @Override
    public List<CandidateResult> train(List<CandidateSpec> candidates) {
        List<CandidateResult> results = new ArrayList<>();
        try {
            List<CandidateSpec> pending = new ArrayList<>();
            for (CandidateSpec spec : candidates) {
                Optional<CandidateResult> recorded = reusable(spec);
                if (recorded.isPresent()) {
                    LOG.info(
                            "candidate {} finished before the job was restarted: reusing its recorded result",
                            spec.candidateId());
                    results.add(recorded.get());
                } else {
                    pending.add(spec);
                }
            }
            // the pending candidates train together where they can (LocalLearner), so one task's are recorded at its
            // end
            List<CandidateResult> trained = pending.isEmpty() ? List.of() : trainer.train(pending);
            for (int i = 0; i < pending.size(); i++) {
                finished.record(fence, pending.get(i), trained.get(i));
                PausePoint.candidateRecorded();
                results.add(trained.get(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record a finished candidate in the store: " + e.getMessage(), e);
        }
        return CandidateResult.inOrderOf(candidates, results);
    }

    /** The recorded result of {@code spec} if every blob it names is still in the store. */
    private Optional<CandidateResult> reusable(CandidateSpec spec) throws IOException {
        Optional<CandidateResult> recorded = finished.find(spec);
        if (recorded.isEmpty()) {
            return recorded;
        }
        for (String id : recorded.get().newComponentIds().values()) {
            if (!blobs.exists(id)) {
                LOG.warn(
                        "candidate {} finished before the job was restarted but its blob {} is missing: training it"
                                + " again",
                        spec.candidateId(),
                        id);
                return Optional.empty();
            }
        }
        return recorded;
    }

    @Override
    public List<TestResult> test(List<CandidateSpec> paths) {
        return trainer.test(paths);
    }
}
