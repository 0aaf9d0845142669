package munet.jobs;

import java.util.List;
import munet.jobs.cli.EvolveCommand;
import munet.jobs.spark.StoreEvolution;

/**
 * A Spark application for StandaloneClusterIT: the product's {@code evolve} with the first
 * attempt of one candidate lost: {@code args[0]} is {@code halt:<candidate>} (its executor JVM
 * ends after writing its blobs) or {@code stall:<candidate>} (it blocks until its worker is killed).
 */
public final class ClusterEvolve {

    private ClusterEvolve() {}

    public static void main(String[] args) throws Exception {
        String[] fault = args[0].split(":", 2);
        boolean stall = switch (fault[0]) {
            case "halt" -> false;
            case "stall" -> true;
            default -> throw new IllegalArgumentException("fault " + args[0] + " is neither halt:<id> nor stall:<id>");
        };
        List<String> evolveArgs = List.of(args).subList(1, args.length);
        System.exit(new EvolveCommand(new StoreEvolution(real -> new HaltingTrainerFactory(real, fault[1], stall)))
                .run(evolveArgs));
    }
}
