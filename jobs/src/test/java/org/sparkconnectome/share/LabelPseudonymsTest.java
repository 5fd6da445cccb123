package org.sparkconnectome.share;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LabelPseudonymsTest {
  private static final byte[] KEY = "a key of at least sixteen bytes".getBytes(
      StandardCharsets.UTF_8);

  private static LabelPseudonyms under(byte[] key) {
    return new LabelPseudonyms(key, Set.of("01", "alice"), Set.of("pre"));
  }

  @Test
  void pseudonymIsKeyedHmacAsBidsLabel() throws Exception {
    String p = under(KEY).of("sub", "01");
    assertTrue(p.matches("[0-9a-f]{12}"), p);
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(KEY, "HmacSHA256"));
    byte[] digest = mac.doFinal("sub-01".getBytes(StandardCharsets.UTF_8));
    assertEquals(String.format("%02x%02x%02x%02x%02x%02x", digest[0], digest[1], digest[2],
        digest[3], digest[4], digest[5]), p);
    assertEquals(p, under(KEY.clone()).of("sub", "01"), "stable under the same key");
    assertNotEquals(p, under("another key of sixteen bytes".getBytes(StandardCharsets.UTF_8))
        .of("sub", "01"));
    assertNotEquals(p, under(KEY).of("ses", "01"), "entity is part of the message");
  }

  @Test
  void rewritesOnlyTheCohortsLabels() {
    LabelPseudonyms p = under(KEY);
    String text = "sub-alice/ses-pre/func/sub-alice_ses-pre_task-rest_bold.json, "
        + "Left-sub-cortical, sub-bob, xsub-alice";
    String rewritten = p.rewrite(text);
    assertFalse(rewritten.contains("alice_") || rewritten.contains("sub-alice/"), rewritten);
    assertTrue(rewritten.startsWith("sub-" + p.of("sub", "alice") + "/ses-" + p.of("ses", "pre")
        + "/func/sub-" + p.of("sub", "alice") + "_ses-"), rewritten);
    assertTrue(rewritten.contains("Left-sub-cortical, sub-bob, xsub-alice"), rewritten);
    assertEquals(p.of("sub", "01"), p.subject("01"));
    assertEquals("99", p.subject("99"));
    assertThrows(IllegalArgumentException.class,
        () -> new LabelPseudonyms(new byte[8], Set.of(), Set.of()));
  }

  @Test
  void agesInFiveYearBins() {
    assertEquals("35-39", AgeBins.of("36"));
    assertEquals("25-29", AgeBins.of("25"));
    assertEquals("25-29", AgeBins.of("29.9"));
    assertEquals("0-4", AgeBins.of("0.5"));
    assertEquals("90+", AgeBins.of("97"));
    assertEquals("n/a", AgeBins.of("n/a"));
    assertEquals("n/a", AgeBins.of("unknown"));
  }

  @Test
  void identifyingFieldsByNameAndDatePattern() {
    assertTrue(IdentifyingFields.dropped("AcquisitionDateTime"));
    assertTrue(IdentifyingFields.dropped("DeviceSerialNumber"));
    assertTrue(IdentifyingFields.dropped("SomeVendorDate"));
    assertFalse(IdentifyingFields.dropped("RepetitionTime"));
    assertFalse(IdentifyingFields.dropped("Sources"));
  }

  @Test
  void niftiHeaderTextCleared() {
    byte[] one = new byte[352];
    java.nio.ByteBuffer.wrap(one).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(348);
    byte[] text = "scan of 2019-03-14".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(text, 0, one, 148, text.length);
    System.arraycopy(text, 0, one, 228, 10);
    System.arraycopy("ConnDense".getBytes(StandardCharsets.US_ASCII), 0, one, 328, 9);
    assertEquals(2, NiftiHeaderText.clear(one, "x.nii"));
    for (int i = 148; i < 252; i++) {
      assertEquals(0, one[i], "byte " + i);
    }
    assertEquals('C', one[328], "intent_name kept");
    byte[] two = new byte[544];
    java.nio.ByteBuffer.wrap(two).order(java.nio.ByteOrder.BIG_ENDIAN).putInt(540);
    System.arraycopy(text, 0, two, 240, text.length);
    assertEquals(1, NiftiHeaderText.clear(two, "y.nii"));
    assertEquals(0, two[240]);
    assertThrows(IllegalArgumentException.class, () -> NiftiHeaderText.clear(new byte[348],
        "z.nii"));
  }
}
