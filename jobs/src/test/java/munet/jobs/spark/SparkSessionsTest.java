package munet.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SparkSessionsTest {

    @AfterEach
    void forgetSparkSubmitsSettings() {
        System.clearProperty("spark.master");
        System.clearProperty("spark.sql.shuffle.partitions");
    }

    @Test
    void withoutAMasterSparkRunsEmbeddedOnLoopback() {
        SparkConf conf = SparkSessions.configuration("munet evolve", Map.of());
        assertEquals("local[*]", conf.get("spark.master"));
        assertEquals("munet evolve", conf.get("spark.app.name"));
        assertEquals("127.0.0.1", conf.get("spark.driver.bindAddress"));
        assertEquals("false", conf.get("spark.ui.showConsoleProgress"));
        assertEquals("8", conf.get("spark.sql.shuffle.partitions"));
    }

    @Test
    void sparkSubmitsSettingsWinOverOursAndOursOverDefaults() {
        // spark-submit hands its --master and --conf to the driver as system properties
        System.setProperty("spark.master", "spark://10.0.0.1:7077");
        System.setProperty("spark.sql.shuffle.partitions", "64");
        SparkConf conf =
                SparkSessions.configuration("munet evolve", Map.of("spark.master", "local[2]", "spark.task.cpus", "2"));
        assertEquals("spark://10.0.0.1:7077", conf.get("spark.master"));
        assertEquals("64", conf.get("spark.sql.shuffle.partitions"));
        assertEquals("2", conf.get("spark.task.cpus"));
        assertEquals(false, conf.contains("spark.driver.bindAddress"), "a cluster must reach the driver");
    }
}
