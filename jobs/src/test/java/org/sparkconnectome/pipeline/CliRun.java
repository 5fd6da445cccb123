package org.sparkconnectome.pipeline;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.sparkconnectome.cli.ConnectomeCli;
import org.sparkconnectome.testing.SharedSpark;
import picocli.CommandLine;

/** Runs a {@code connectome} command in-process on the shared Spark session, capturing output. */
record CliRun(int exitCode, String out, String err) {

  static CliRun of(String... args) {
    SharedSpark.get();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = ConnectomeCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
