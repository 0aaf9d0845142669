package munet.inference;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One image's prediction by one path: the softmax of its logits, the label and the k most probable classes. */
public record ClassScores(float[] logits, double[] probabilities) {

    /** A class and its probability. */
    public record Scored(int label, double score) {}

    public static ClassScores of(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float logit : logits) {
            max = Math.max(max, logit);
        }
        // shifted by the largest logit, so exp never overflows
        double[] probabilities = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            probabilities[i] = Math.exp(logits[i] - max);
            sum += probabilities[i];
        }
        for (int i = 0; i < logits.length; i++) {
            probabilities[i] /= sum;
        }
        return new ClassScores(logits.clone(), probabilities);
    }

    /** The most probable class (the lowest label among equals). */
    public Scored best() {
        return topK(1).get(0);
    }

    /** The {@code k} most probable classes, most probable first, ties by label. */
    public List<Scored> topK(int k) {
        List<Scored> all = new ArrayList<>();
        for (int i = 0; i < probabilities.length; i++) {
            all.add(new Scored(i, probabilities[i]));
        }
        all.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparingInt(Scored::label));
        return List.copyOf(all.subList(0, Math.min(k, all.size())));
    }
}
