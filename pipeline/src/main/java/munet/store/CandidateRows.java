package munet.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import munet.evolution.CandidateResult;
import munet.evolution.CandidateSpec;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/** The Parquet schema of the candidate history and its conversion to and from {@link CandidateRow}. */
final class CandidateRows {
    static final MessageType SCHEMA =
            MessageTypeParser.parseMessageType("""
      message candidate {
        required binary task (UTF8);
        required int32 pass;
        required int32 generation;
        required binary candidate_id (UTF8);
        optional binary parent_id (UTF8);
        repeated binary mutations (UTF8);
        required binary hparams (UTF8);
        required int64 seed;
        required double score_factor;
        required double score_to_beat;
        repeated group validations {
          required int32 step;
          required double quality;
          required double score;
        }
        required boolean improved;
        required double best_quality;
        required double best_score;
        repeated group new_components {
          required binary name (UTF8);
          required binary id (UTF8);
        }
        repeated group new_component_params {
          required binary name (UTF8);
          required int64 params;
        }
        required int64 trainable_params;
        required int64 total_params;
        required int64 images_trained;
        repeated group seconds {
          required binary phase (UTF8);
          required double seconds;
        }
        required binary executor (UTF8);
      """ + ParquetFiles.MUTATION_PROBABILITIES + "\n}");

    private CandidateRows() {}

    static Group toRow(SimpleGroupFactory factory, CandidateSpec spec, CandidateResult result) {
        Group row = factory.newGroup()
                .append("task", spec.task().name())
                .append("pass", spec.pass())
                .append("generation", spec.generation())
                .append("candidate_id", spec.candidateId());
        if (spec.parentId() != null) {
            row.add("parent_id", spec.parentId());
        }
        spec.mutations().forEach(mutation -> row.add("mutations", mutation));
        row.append("hparams", StoreJson.hparamsToJson(spec.hparams()))
                .append("seed", spec.seed())
                .append("score_factor", spec.scoreFactor())
                .append("score_to_beat", spec.scoreToBeat());
        for (CandidateResult.Validation validation : result.validations()) {
            row.addGroup("validations")
                    .append("step", validation.step())
                    .append("quality", validation.quality())
                    .append("score", validation.score());
        }
        row.append("improved", result.improved())
                .append("best_quality", result.bestQuality())
                .append("best_score", result.bestScore());
        result.newComponentIds()
                .forEach((name, id) ->
                        row.addGroup("new_components").append("name", name).append("id", id));
        result.newComponentParams()
                .forEach((name, params) -> row.addGroup("new_component_params")
                        .append("name", name)
                        .append("params", params));
        row.append("trainable_params", result.trainableParams())
                .append("total_params", result.totalParams())
                .append("images_trained", result.imagesTrained());
        result.seconds()
                .forEach((phase, seconds) ->
                        row.addGroup("seconds").append("phase", phase).append("seconds", seconds));
        row.append("executor", result.executor());
        ParquetFiles.addMutationProbabilities(row, spec.mutationProbabilities());
        return row;
    }

    static CandidateRow fromRow(Group row, String source) {
        List<CandidateResult.Validation> validations = new ArrayList<>();
        for (int i = 0; i < row.getFieldRepetitionCount("validations"); i++) {
            Group v = row.getGroup("validations", i);
            validations.add(new CandidateResult.Validation(
                    v.getInteger("step", 0), v.getDouble("quality", 0), v.getDouble("score", 0)));
        }
        Map<String, String> newIds = new HashMap<>();
        for (int i = 0; i < row.getFieldRepetitionCount("new_components"); i++) {
            Group c = row.getGroup("new_components", i);
            newIds.put(c.getString("name", 0), c.getString("id", 0));
        }
        Map<String, Long> newParams = new HashMap<>();
        for (int i = 0; i < row.getFieldRepetitionCount("new_component_params"); i++) {
            Group c = row.getGroup("new_component_params", i);
            newParams.put(c.getString("name", 0), c.getLong("params", 0));
        }
        Map<String, Double> seconds = new HashMap<>();
        for (int i = 0; i < row.getFieldRepetitionCount("seconds"); i++) {
            Group s = row.getGroup("seconds", i);
            seconds.put(s.getString("phase", 0), s.getDouble("seconds", 0));
        }
        CandidateResult result = new CandidateResult(
                row.getString("candidate_id", 0),
                validations,
                row.getBoolean("improved", 0),
                row.getDouble("best_quality", 0),
                row.getDouble("best_score", 0),
                newIds,
                newParams,
                row.getLong("trainable_params", 0),
                row.getLong("total_params", 0),
                row.getLong("images_trained", 0),
                seconds,
                row.getString("executor", 0));
        return new CandidateRow(
                row.getString("task", 0),
                row.getInteger("pass", 0),
                row.getInteger("generation", 0),
                ParquetFiles.optionalString(row, "parent_id"),
                ParquetFiles.strings(row, "mutations"),
                StoreJson.hparamsFromJson(row.getString("hparams", 0), source),
                row.getLong("seed", 0),
                row.getDouble("score_factor", 0),
                row.getDouble("score_to_beat", 0),
                ParquetFiles.mutationProbabilities(row),
                result);
    }
}
