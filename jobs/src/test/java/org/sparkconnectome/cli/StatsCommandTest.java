package org.sparkconnectome.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The stats subcommands take the shared option classes, each option once. */
class StatsCommandTest {

  private static CommandSpec subcommand(String name) {
    return ConnectomeCli.commandLine().getSubcommands().get("stats").getSubcommands().get(name)
        .getCommandSpec();
  }

  @Test
  void everySubcommandTakesTheFeatureAndSparkOptions() {
    for (String name : List.of("classify", "predict", "cluster", "nbs")) {
      CommandSpec spec = subcommand(name);
      for (String option : List.of("--tables", "--out", "--atlas", "--measure", "--config",
          "--seed", "--master")) {
        assertNotNull(spec.findOption(option), name + " " + option);
      }
    }
  }

  @Test
  void sharedOptionsStandWhereTheyApply() {
    assertNotNull(subcommand("classify").findOption("--pca"));
    assertNotNull(subcommand("cluster").findOption("--pca"));
    assertNull(subcommand("nbs").findOption("--pca"));
    assertNotNull(subcommand("classify").findOption("--permutations"));
    assertNotNull(subcommand("nbs").findOption("--permutations"));
    assertNull(subcommand("cluster").findOption("--permutations"));
    assertNotNull(subcommand("predict").findOption("--permutations"));
    assertNotNull(subcommand("predict").findOption("--confounds"));
    assertNotNull(subcommand("classify").findOption("--layers"));
    assertNotNull(subcommand("classify").findOption("--fusion-blocks"));
    assertNotNull(subcommand("cluster").findOption("--features"));
    assertNull(subcommand("nbs").findOption("--features"));
    assertNull(subcommand("predict").findOption("--fusion-blocks"));
  }

  @Test
  void missingTablesIsAUsageError() {
    CommandLine cli = ConnectomeCli.commandLine();
    cli.setErr(new PrintWriter(new StringWriter()));
    assertEquals(ConnectomeCli.EXIT_USAGE, cli.execute("stats", "cluster", "--out", "x"));
  }
}
