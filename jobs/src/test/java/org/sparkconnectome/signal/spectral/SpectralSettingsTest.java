package org.sparkconnectome.signal.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sparkconnectome.config.UserException;

class SpectralSettingsTest {

  @Test
  void parsesTheDefaultBands() {
    assertEquals(List.of(new Band("delta", 1, 4), new Band("theta", 4, 8),
        new Band("alpha", 8, 13), new Band("beta", 13, 30), new Band("gamma", 30, 45)),
        SpectralSettings.parseBands(SpectralSettings.DEFAULT_BANDS));
    assertEquals(List.of(new Band("low", 0.5, 2.5)),
        SpectralSettings.parseBands(" low : 0.5 - 2.5 "));
  }

  @Test
  void refusesMalformedSettings() {
    assertThrows(UserException.class, () -> SpectralSettings.parseBands("alpha8-13"));
    assertThrows(UserException.class, () -> SpectralSettings.parseBands("alpha:13-8"));
    assertThrows(UserException.class, () -> SpectralSettings.parseBands("alpha:x-8"));
    List<Band> bands = SpectralSettings.parseBands("alpha:8-13");
    assertThrows(UserException.class,
        () -> new SpectralSettings(bands, Set.of("granger"), "hann", 0));
    assertThrows(UserException.class,
        () -> new SpectralSettings(bands, Set.of("plv"), "welch", 0));
    assertThrows(UserException.class,
        () -> new SpectralSettings(bands, Set.of("plv"), "multitaper", 0));
  }

  @Test
  void spectralMeasuresKeepDesignOrder() {
    SpectralSettings s = new SpectralSettings(SpectralSettings.parseBands("alpha:8-13"),
        SpectralSettings.parseMeasures("aec,wpli,coherence"), "hann", 0);
    assertEquals(List.of("coherence", "wpli"), s.spectralMeasures());
  }
}
