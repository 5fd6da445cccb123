package org.sparkconnectome.cifti;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.atlas.GrayordinateLabels;
import org.sparkconnectome.fmri.AtlasConnectome;
import org.sparkconnectome.fmri.FunctionalRunResult;
import org.sparkconnectome.formats.cifti.CiftiWriter;
import org.sparkconnectome.formats.cifti.ParcelsAxis;
import org.sparkconnectome.formats.cifti.SeriesAxis;
import org.sparkconnectome.io.OutputFiles;
import org.sparkconnectome.signal.RegionMatrix;
import org.sparkconnectome.signal.TimeSeries;
import org.sparkconnectome.stage.DerivativeNames;

/**
 * XCP-D's CIFTI outputs beside the TSVs of a run: per atlas the denoised parcel series
 * ({@code stat-mean_timeseries.ptseries.nii}) and the Pearson matrix
 * ({@code stat-pearsoncorrelation_boldmap.pconn.nii}), their parcels axis built from the atlas
 * (every region in table order, so columns match the TSVs; n/a parcels hold NaN).
 */
final class ParcellatedCiftiOutputs {
  /** The measure XCP-D writes as a pconn. */
  static final String PCONN_MEASURE = "pearson";

  private ParcellatedCiftiOutputs() {
  }

  static List<String> write(FunctionalRunResult result, List<Atlas> atlases,
      Configuration conf, String outRoot) throws IOException {
    List<String> written = new ArrayList<>();
    Map<String, String> entities = result.run().entities();
    for (AtlasConnectome connectome : result.atlases()) {
      Atlas atlas = atlases.stream().filter(a -> a.name().equals(connectome.atlas()))
          .findFirst().orElseThrow();
      ParcelsAxis parcels = parcelsOf(atlas);
      TimeSeries series = connectome.timeseries();
      String ptseries = DerivativeNames.parcelSeries(entities, atlas.name());
      try (OutputStream out = OutputFiles.create(conf, OutputFiles.resolve(outRoot, ptseries))) {
        CiftiWriter.writeParcelSeries(out, new SeriesAxis(series.timepoints(), 0,
            result.repetitionTime(), "SECOND"), parcels, rows(series));
      }
      written.add(ptseries);
      RegionMatrix pearson = connectome.matrices().get(PCONN_MEASURE);
      if (pearson != null) {
        String pconn = DerivativeNames.parcelConnectivity(entities, atlas.name(), PCONN_MEASURE);
        try (OutputStream out = OutputFiles.create(conf, OutputFiles.resolve(outRoot, pconn))) {
          CiftiWriter.writeParcelConnectivity(out, parcels, rows(pearson));
        }
        written.add(pconn);
      }
    }
    return written;
  }

  /** One parcel per atlas region, in table order, with its vertices and voxels. */
  static ParcelsAxis parcelsOf(Atlas atlas) {
    GrayordinateLabels labels = atlas.grayordinates();
    return ParcelsAxis.of(labels.models(), atlas.regionNames(), labels.regionOf());
  }

  private static float[][] rows(TimeSeries series) {
    float[][] out = new float[series.timepoints()][series.regions()];
    for (int t = 0; t < series.timepoints(); t++) {
      for (int r = 0; r < series.regions(); r++) {
        out[t][r] = (float) series.get(t, r);
      }
    }
    return out;
  }

  private static float[][] rows(RegionMatrix m) {
    float[][] out = new float[m.size()][m.size()];
    for (int i = 0; i < m.size(); i++) {
      for (int j = 0; j < m.size(); j++) {
        out[i][j] = (float) m.get(i, j);
      }
    }
    return out;
  }
}
