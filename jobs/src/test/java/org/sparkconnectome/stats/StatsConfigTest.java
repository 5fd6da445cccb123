package org.sparkconnectome.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sparkconnectome.config.UserException;

/** conf/stats.yaml and a user's file on top, through the shared flat-settings reader. */
class StatsConfigTest {

  private static InputStream yaml(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void defaultsThenAUsersFile() throws IOException {
    StatsConfig defaults = StatsConfig.defaults();
    assertEquals(5000, defaults.getInt("nbs.permutations"));
    assertTrue(defaults.getBoolean("features.fisher_z"));
    StatsConfig mine = defaults.withYaml(yaml("nbs:\n  permutations: 200\n"
        + "  covariates: [age, sex]\nseed: 7\n"), "mine.yaml");
    assertEquals(200, mine.getInt("nbs.permutations"));
    assertEquals("age,sex", mine.get("nbs.covariates"));
    assertEquals(7L, mine.getLong("seed"));
    assertEquals(defaults.get("classify.model"), mine.get("classify.model"));
  }

  @Test
  void refusesUnknownKeysAndBadValuesNamingThem() {
    UserException unknown = assertThrows(UserException.class,
        () -> StatsConfig.defaults().withYaml(yaml("nbs:\n  permutation: 10\n"), "mine.yaml"));
    assertTrue(unknown.getMessage().startsWith("mine.yaml: unknown setting 'nbs.permutation'"),
        unknown.getMessage());
    UserException broken = assertThrows(UserException.class,
        () -> StatsConfig.defaults().withYaml(yaml("nbs: [\n"), "broken.yaml"));
    assertTrue(broken.getMessage().startsWith("broken.yaml: not valid YAML"), broken.getMessage());
    UserException number = assertThrows(UserException.class, () -> StatsConfig.defaults()
        .withYaml(yaml("nbs:\n  permutations: many\n"), "mine.yaml").getInt("nbs.permutations"));
    assertTrue(number.getMessage().contains("nbs.permutations=many"), number.getMessage());
  }
}
