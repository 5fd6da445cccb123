package org.sparkconnectome.cli;

import java.io.PrintWriter;
import org.sparkconnectome.graph.io.InputFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import org.sparkconnectome.config.UserException;
import org.sparkconnectome.io.OutputWriteException;

/**
 * The {@code connectome} command: entry point of {@code bin/connectome} and of
 * {@code spark-submit --class org.sparkconnectome.cli.ConnectomeCli <jobs jar> <command> ...}.
 */
@Command(
    name = "connectome",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Cohort-scale connectome mapping on Apache Spark.",
    subcommands = {
        CommandLine.HelpCommand.class,
        InspectCommand.class,
        ScanCommand.class,
        ParcellateCommand.class,
        SampleCommand.class,
        RunCommand.class,
        NightlyCommand.class,
        GraphCommand.class,
        BenchCommand.class,
        ReportCommand.class,
        StatsCommand.class,
        ShareCommand.class,
    })
public final class ConnectomeCli implements Runnable {

  /** Exit code when every requested piece of work succeeded. */
  public static final int EXIT_OK = 0;
  /** Exit code for usage, configuration or unreadable-input errors. */
  public static final int EXIT_USAGE = 2;
  /** Exit code when some runs failed and the others completed. */
  public static final int EXIT_PARTIAL = 3;

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  private LogOptions logOptions;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Builds the command line with the project's error handling, for main and for tests. */
  public static CommandLine commandLine() {
    ConnectomeCli root = new ConnectomeCli();
    CommandLine cli = new CommandLine(root);
    // Messages are configured once the options are parsed and before any command logs.
    cli.setExecutionStrategy(parsed -> {
      try {
        root.logOptions.apply();
      } catch (UserException e) {
        throw new CommandLine.ExecutionException(cli, e.getMessage(), e);
      }
      return new CommandLine.RunLast().execute(parsed);
    });
    cli.setExecutionExceptionHandler(ConnectomeCli::handleExecutionException);
    cli.setParameterExceptionHandler(ConnectomeCli::handleParameterException);
    return cli;
  }

  public static void main(String[] args) {
    int code = commandLine().execute(args);
    System.exit(code);
  }

  private static int handleParameterException(CommandLine.ParameterException e, String[] args) {
    PrintWriter err = e.getCommandLine().getErr();
    err.println("connectome: " + e.getMessage());
    err.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName()
        + " --help' for usage.");
    return EXIT_USAGE;
  }

  /** User-facing faults become a short message and exit 2; anything else is a bug and shows. */
  private static int handleExecutionException(
      Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) throws Exception {
    PrintWriter err = cmd.getErr();
    if (e instanceof InputFileException fe) {
      err.println("connectome: " + firstLines(fe.getMessage()));
      return EXIT_USAGE;
    }
    if (e instanceof UserException ue) {
      err.println("connectome: " + firstLines(ue.getMessage()));
      return EXIT_USAGE;
    }
    OutputWriteException refused = causeOf(e, OutputWriteException.class);
    if (refused != null) {
      err.println("connectome: the output location " + refused.outputLocation()
          + " cannot take the results: " + firstLines(refused.getMessage()) + ". Nothing of "
          + "this run was published (the previous results stand); make room and run again.");
      return EXIT_USAGE;
    }
    if (e instanceof java.nio.file.NoSuchFileException nf) {
      err.println("connectome: " + nf.getFile() + ": no such file");
      return EXIT_USAGE;
    }
    throw e;
  }

  /** The first exception of type {@code type} in {@code e}'s causes (a task's, through Spark). */
  private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  /** At most three lines, so a message never floods a terminal or a log. */
  static String firstLines(String message) {
    if (message == null) {
      return "unknown error";
    }
    String[] lines = message.split("\n", -1);
    if (lines.length <= 3) {
      return message;
    }
    return String.join("\n", lines[0], lines[1], lines[2]);
  }
}
