package munet.evolution;

/**
 * The one random generator of a run (SplitMix64). Its whole state is one long, so the state can
 * be saved after every generation and a resumed run draws exactly what the killed one would have.
 * Not thread-safe: the driver owns it.
 */
public final class Rng {
    private long state;

    public Rng(long state) {
        this.state = state;
    }

    /**
     * The stream of one task iteration of a concurrent sweep: a function of the run's seed, the
     * task and the pass only, so that it does not depend on which iterations ran before or beside it.
     */
    public static Rng forIteration(long seed, String task, int pass) {
        Rng mixer = new Rng(seed);
        for (char c : task.toCharArray()) {
            mixer = new Rng(mixer.nextLong() ^ c);
        }
        return new Rng(new Rng(mixer.nextLong() ^ pass).nextLong());
    }

    public long state() {
        return state;
    }

    public long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        return (int) Math.floorMod(nextLong(), (long) bound);
    }

    public boolean chance(double probability) {
        return nextDouble() < probability;
    }
}
