package org.sparkconnectome.fmri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkconnectome.config.PipelineConfig;

class MethodsTextTest {
  @Test
  void describesTheDefaultsWithTheirCitations() {
    MethodsText text = MethodsText.of(FunctionalSettings.from(PipelineConfig.defaults()),
        List.of("Schaefer2018", "Tian"));
    String p = text.paragraph();
    assertTrue(p.contains("each of the atlases Schaefer2018, Tian"), p);
    assertTrue(p.contains("less than 50% of their voxels"), p);
    assertTrue(p.contains("non-steady state"), p);
    assertTrue(p.contains("framewise displacement above 0.5 mm (Power et al., 2012)"), p);
    assertTrue(p.contains("less than 240 s of uncensored data"), p);
    assertTrue(p.contains("(fmri.denoise=36P) were the 36-parameter model"), p);
    assertTrue(p.contains("band-pass filtered between 0.01 and 0.08 Hz"), p);
    assertTrue(p.contains("order 2"), p);
    assertTrue(p.contains("An intercept, a linear trend and the nuisance regressors"), p);
    assertTrue(p.contains("Pearson correlation, partial correlation"), p);
    assertTrue(p.contains("(Varoquaux et al., 2010)"), p);
    assertFalse(p.contains("smoothed"), p);
    assertFalse(p.contains("Fisher"), p);
    // Each cited work once, in the order of first citation.
    List<String> refs = text.references();
    assertEquals(List.of("Power", "Satterthwaite", "Ciric", "Hallquist", "Lindquist", "Ledoit",
        "Varoquaux"), refs.stream().map(r -> r.substring(0, r.indexOf(' '))).toList());
  }

  @Test
  void followsTheSettings() {
    PipelineConfig config = PipelineConfig.defaults()
        .with("fmri.denoise", "none", "test").with("fmri.bandpass", "off", "test")
        .with("fmri.fd_threshold", "0", "test").with("fmri.dummy_scans", "3", "test")
        .with("fmri.smoothing_fwhm", "6", "test").with("fmri.detrend", "none", "test")
        .with("fmri.measures", "pearson", "test").with("fmri.fisher_z", "true", "test");
    String p = MethodsText.of(FunctionalSettings.from(config), List.of("Sample")).paragraph();
    assertTrue(p.contains("the atlas Sample;"), p);
    assertTrue(p.contains("Gaussian kernel of 6 mm full width at half maximum"), p);
    assertTrue(p.contains("The first 3 volumes"), p);
    assertTrue(p.contains("No volumes were censored"), p);
    assertTrue(p.contains("No nuisance regressors were used (fmri.denoise=none)"), p);
    assertTrue(p.contains("No temporal filter was applied"), p);
    assertTrue(p.contains("An intercept and the nuisance"), p);
    assertTrue(p.contains("estimated as Pearson correlation."), p);
    assertTrue(p.contains("Fisher z-transformed (Fisher, 1915)"), p);
  }

  @Test
  void aStrategyItDoesNotKnowIsDescribedByItsColumns() {
    PipelineConfig config = PipelineConfig.defaults().with("fmri.denoise", "custom", "test")
        .with("fmri.custom_confounds", "csf,white_matter", "test");
    String p = MethodsText.of(FunctionalSettings.from(config), List.of("Sample")).paragraph();
    assertTrue(p.contains("were the 2 confound columns of the 'custom' strategy (csf, "
        + "white_matter)"), p);
    String acompcor = MethodsText.of(FunctionalSettings.from(PipelineConfig.defaults()
        .with("fmri.denoise", "acompcor", "test")), List.of("Sample")).paragraph();
    assertTrue(acompcor.contains("the top five cerebrospinal-fluid anatomical CompCor "
        + "components (Behzadi et al., 2007; Ciric et al., 2017) and fMRIPrep's discrete "
        + "cosine basis"), acompcor);
    String aroma = MethodsText.of(FunctionalSettings.from(PipelineConfig.defaults()
        .with("fmri.denoise", "aroma", "test")), List.of("Sample")).paragraph();
    assertTrue(aroma.contains("were those of the 'aroma' strategy: the motion components of "
        + "ICA-AROMA"), aroma);
    assertTrue(aroma.contains("as the run's confounds tables give them"), aroma);
  }
}
