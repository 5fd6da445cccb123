package org.sparkconnectome.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * A report failure after published results is a warning, not a crash: an exception or running
 * out of heap or stack in the report step; any other error is no report failure and propagates.
 */
class RunCommandReportTest {

  @Test
  void anOutOfMemoryErrorInTheReportIsAWarning() {
    StringWriter err = new StringWriter();
    boolean written = RunCommand.writeReport(() -> {
      // As the driver did at 1,000 runs: a page too large for its heap.
      throw new OutOfMemoryError("Java heap space");
    }, "/data/out", new PrintWriter(err));
    assertFalse(written);
    assertTrue(err.toString().contains("Warning: the HTML report could not be written "
        + "(OutOfMemoryError: Java heap space (raise CONNECTOME_DRIVER_MEMORY for the report)); "
        + "every result is published. Rebuild it with: connectome report --out /data/out"),
        err.toString());
  }

  @Test
  void exceptionsAndStackOverflowsAreWarningsToo() {
    StringWriter err = new StringWriter();
    assertFalse(RunCommand.writeReport(() -> {
      throw new IOException("report/index.html: disk quota exceeded");
    }, "/data/out", new PrintWriter(err)));
    assertFalse(RunCommand.writeReport(() -> {
      throw new StackOverflowError();
    }, "/data/out", new PrintWriter(err)));
    assertTrue(err.toString().contains("(report/index.html: disk quota exceeded)"));
    assertTrue(err.toString().contains("(StackOverflowError: null"), err.toString());
  }

  @Test
  void otherErrorsPropagateAndASuccessSaysNothing() {
    StringWriter err = new StringWriter();
    InternalError fault = new InternalError("a JVM fault");
    assertEquals(fault, assertThrows(InternalError.class, () -> RunCommand.writeReport(() -> {
      throw fault;
    }, "/data/out", new PrintWriter(err))));
    assertTrue(RunCommand.writeReport(() -> "/data/out/report/index.html", "/data/out",
        new PrintWriter(err)));
    assertEquals("", err.toString());
  }
}
