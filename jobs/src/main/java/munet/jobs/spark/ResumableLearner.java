package munet.jobs.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import munet.evolution.CandidateResult;
import munet.evolution.CandidateSpec;
import munet.evolution.Learner;
import munet.evolution.TestResult;
import munet.jobs.PausePoint;
import munet.store.FinishedCandidates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every trained candidate's result in the store and returns the recorded one when the
 * same candidate comes again: after a killed job resumes a generation, only the candidates
 * that had not finished are trained.
 */
final class ResumableLearner implements Learner {
    private static final Logger LOG = LoggerFactory.getLogger(ResumableLearner.class);

    private final Learner trainer;
    private final FinishedCandidates finished;

    ResumableLearner(Learner trainer, FinishedCandidates finished) {
        this.trainer = trainer;
        this.finished = finished;
    }

    @Override
    public List<CandidateResult> train(List<CandidateSpec> candidates) {
        List<CandidateResult> results = new ArrayList<>();
        try {
            for (CandidateSpec spec : candidates) {
                CandidateResult result = finished.find(spec).orElse(null);
                if (result == null) {
                    result = trainer.train(List.of(spec)).get(0);
                    finished.record(spec, result);
                    PausePoint.candidateRecorded();
                } else {
                    LOG.info(
                            "candidate {} finished before the job was restarted: reusing its recorded result",
                            spec.candidateId());
                }
                results.add(result);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record a finished candidate in the store", e);
        }
        return results;
    }

    @Override
    public List<TestResult> test(List<CandidateSpec> paths) {
        return trainer.test(paths);
    }
}
