package org.sparkconnectome.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The options parcellate refuses before any Spark work, each with the reason. */
class ParcellateCommandTest {

  private static String refusal(String... options) {
    StringWriter err = new StringWriter();
    CommandLine cli = ConnectomeCli.commandLine();
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    String[] args = new String[options.length + 5];
    args[0] = "parcellate";
    args[1] = "--bids";
    args[2] = "no-such-bids";
    args[3] = "--out";
    args[4] = "no-such-out";
    System.arraycopy(options, 0, args, 5, options.length);
    assertEquals(2, cli.execute(args), err.toString());
    return err.toString();
  }

  @Test
  void unknownMethodsAndBadNcutSettingsAreRefused() {
    String err = refusal("--method", "kmeans", "--n-parcels", "10");
    assertTrue(err.contains("--method kmeans") && err.contains("ward or ncut"), err);
    assertTrue(refusal("--method", "ncut", "--n-parcels", "10", "--ncut-neighbours", "8")
        .contains("--ncut-neighbours 8: give 6, 18 or 26"));
    assertTrue(refusal("--method", "ncut", "--n-parcels", "10", "--ncut-threshold", "1.5")
        .contains("--ncut-threshold 1.5"));
  }

  @Test
  void fewerThanTwoParcelsAndBadNamesAreRefused() {
    assertTrue(refusal("--n-parcels", "1").contains("--n-parcels 1"));
    assertTrue(refusal("--n-parcels", "4", "--name", "my_atlas").contains("--name my_atlas"));
    assertTrue(refusal("--n-parcels", "4", "--bootstrap", "-1").contains("--bootstrap -1"));
  }
}
