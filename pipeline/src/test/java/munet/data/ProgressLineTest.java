package munet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    @Test
    void oneLinePerTenthWithRateAndTimeLeft() {
        long[] now = {0};
        List<String> lines = new ArrayList<>();
        ProgressLine progress = new ProgressLine("import of x", "images", 1000, () -> now[0], lines::add);
        for (int i = 0; i < 1000; i++) {
            now[0] += 10_000_000L; // 10 ms an image: 100 images/s
            progress.advance(1);
        }
        assertEquals(10, lines.size());
        assertEquals("import of x: 100/1,000 images (10%), 100.0 images/s, ETA 9 s", lines.get(0));
        assertEquals("import of x: 500/1,000 images (50%), 100.0 images/s, ETA 5 s", lines.get(4));
        assertEquals("import of x: 1,000/1,000 images (100%), 100.0 images/s, done in 10 s", lines.get(9));
    }

    @Test
    void aJumpPastSeveralTenthsPrintsEachAndLongTimesReadAsMinutesAndHours() {
        long[] now = {0};
        List<String> lines = new ArrayList<>();
        ProgressLine progress = new ProgressLine("pretraining", "steps", 90, () -> now[0], lines::add);
        now[0] = 300_000_000_000L;
        progress.advance(30);
        assertEquals(3, lines.size());
        assertEquals("pretraining: 30/90 steps (33%), 0.1 steps/s, ETA 10 min 00 s", lines.get(2));
        assertEquals("2 h 07 min", ProgressLine.duration(2 * 3600 + 7 * 60 + 20));
    }
}
