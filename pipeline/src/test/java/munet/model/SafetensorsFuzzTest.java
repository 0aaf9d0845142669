package munet.model;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

/**
 * Any bytes given to the safetensors reader (every blob read, every imported checkpoint) are
 * either parsed or refused with an IOException naming them: no other exception, no allocation
 * beyond what the bytes' own length allows. Fuzzed for a fixed time in {@code ./munet test}
 * (the pom's fuzz execution); in the ordinary run only its kept inputs are replayed.
 */
class SafetensorsFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void anyBytesAreParsedOrRefused(byte[] bytes) {
        try {
            Safetensors.read(bytes, "fuzzed blob");
        } catch (IOException refused) {
            // the clear refusal the reader promises
        }
    }
}
