package org.sparkconnectome.formats.eeg;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.sparkconnectome.formats.FormatException;

/** Each broken test file is refused with a message naming the file and its fault. */
class EegBrokenFilesTest {
  /** {file, the file the message names, a fragment of the fault}. */
  private static final String[][] BROKEN = {
      {"broken_header_length.edf", "broken_header_length.edf", "header length field says 1024"},
      {"broken_record_count.edf", "broken_record_count.edf", "header says 9 data records"},
      {"broken_numeric.edf", "broken_numeric.edf", "physical minimum 'abc' is not a number"},
      {"broken_digital_range.edf", "broken_digital_range.edf",
          "digital minimum 100 is not below its digital maximum 100"},
      {"broken_mixed_rates.edf", "broken_mixed_rates.edf", "Temp (64)"},
      {"broken_discontinuous.edf", "broken_discontinuous.edf", "data record 2 starts at 2.5"},
      {"broken_binary_format.vhdr", "broken_binary_format.vhdr", "BinaryFormat INT_8"},
      {"broken_orientation.vhdr", "broken_orientation.vhdr", "DataOrientation SCRAMBLED"},
      {"broken_data_format.vhdr", "broken_data_format.vhdr", "DataFormat COMPRESSED"},
      {"broken_missing_eeg.vhdr", "broken_missing_eeg.vhdr", "nowhere.eeg it names is missing"},
      {"broken_frame_size.vhdr", "broken_frame_size.eeg",
          "10001 bytes is not a multiple of the frame size 10"},
  };

  @TestFactory
  Stream<DynamicTest> refusesEachFault() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String[] b : BROKEN) {
      tests.add(DynamicTest.dynamicTest(b[0], () -> {
        FormatException e = assertThrows(FormatException.class, () -> EegTestFiles.open(b[0]));
        assertTrue(e.getMessage().contains(b[1]), e.getMessage());
        assertTrue(e.getMessage().contains(b[2]), e.getMessage());
      }));
    }
    return tests.stream();
  }
}
