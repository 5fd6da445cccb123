package org.sparkconnectome.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The opt-out property's forms: everything, a list of names, or nothing. */
class RequiredToolTest {
  private final String saved = System.getProperty(RequiredTool.PROPERTY);

  @AfterEach
  void restore() {
    if (saved == null) {
      System.clearProperty(RequiredTool.PROPERTY);
    } else {
      System.setProperty(RequiredTool.PROPERTY, saved);
    }
  }

  @Test
  void emptyOrUnsetRequiresEveryTool() {
    System.clearProperty(RequiredTool.PROPERTY);
    assertFalse(RequiredTool.optedOut("mrtrix3"));
    System.setProperty(RequiredTool.PROPERTY, "");
    assertFalse(RequiredTool.optedOut("mrtrix3"));
  }

  @Test
  void skipAloneSkipsEveryTool() {
    System.setProperty(RequiredTool.PROPERTY, "skip");
    assertTrue(RequiredTool.optedOut("mrtrix3"));
    assertTrue(RequiredTool.optedOut("opencl"));
  }

  @Test
  void namedSkipsOnlyThoseNamed() {
    System.setProperty(RequiredTool.PROPERTY, "skip: MRtrix3 ,chromium");
    assertTrue(RequiredTool.optedOut("mrtrix3"));
    assertTrue(RequiredTool.optedOut("chromium"));
    assertFalse(RequiredTool.optedOut("opencl"));
    assertFalse(RequiredTool.optedOut("mrtrix"));
  }

  @Test
  void anythingElseSkipsNothing() {
    System.setProperty(RequiredTool.PROPERTY, "mrtrix3");
    assertFalse(RequiredTool.optedOut("mrtrix3"));
  }
}
