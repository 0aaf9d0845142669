package munet.jobs;

import java.util.List;
import munet.jobs.cli.EvolveCommand;
import munet.jobs.spark.StoreEvolution;

/**
 * A Spark application for StandaloneClusterIT: the product's {@code evolve} with the first
 * attempt of candidate {@code args[0]} ending its executor JVM after writing its blobs.
 */
public final class ClusterEvolve {

    private ClusterEvolve() {}

    public static void main(String[] args) throws Exception {
        List<String> evolveArgs = List.of(args).subList(1, args.length);
        System.exit(new EvolveCommand(new StoreEvolution(real -> new HaltingTrainerFactory(real, args[0])))
                .run(evolveArgs));
    }
}
