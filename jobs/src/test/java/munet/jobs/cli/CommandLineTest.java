package munet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import munet.jobs.UserError;
import org.junit.jupiter.api.Test;

class CommandLineTest {

  private static final List<String> KNOWN = List.of("--config", "--tasks");

  @Test
  void optionsTakeTheNextWordOrTheTextAfterEquals() {
    CommandLine line = CommandLine.parse(List.of("store", "--config", "a.conf", "--tasks=digits,letters", "extra"), KNOWN);
    assertEquals(Map.of("--config", "a.conf", "--tasks", "digits,letters"), line.options());
    assertEquals(List.of("store", "extra"), line.positional());
    assertEquals("fallback", line.option("--missing", "fallback"));
  }

  @Test
  void unknownOptionsAndMissingValuesAreUserErrors() {
    assertEquals("unknown option --confg; known: --config, --tasks",
        assertThrows(UserError.class, () -> CommandLine.parse(List.of("--confg", "a"), KNOWN)).getMessage());
    assertEquals("option --config needs a value",
        assertThrows(UserError.class, () -> CommandLine.parse(List.of("--config"), KNOWN)).getMessage());
  }
}
