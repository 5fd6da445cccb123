package org.sparkconnectome.atlas;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.sparkconnectome.config.SoftwareVersion;
import org.sparkconnectome.io.DataSources;
import org.sparkconnectome.io.OutputFiles;

/**
 * The atlases a pass used, copied into the output dataset where XCP-D keeps them, so that the
 * outputs name an atlas that travels with them:
 * {@code sourcedata/atlases/atlas-<LABEL>/atlas-<LABEL>_space-<TPL>[_res-<R>]_dseg.nii.gz}
 * (the image as given; a dense label atlas keeps its {@code den-} and {@code .dlabel.nii}),
 * {@code atlas-<LABEL>_dseg.tsv} (its region table as given), a JSON sidecar beside the image,
 * and the folder's {@code dataset_description.json} ({@code DatasetType: atlas}).
 */
public final class SourcedataAtlases {
  /** The folder under the output root. */
  public static final String FOLDER = "sourcedata/atlases";
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private SourcedataAtlases() {
  }

  /**
   * Where the image of the atlas labelled {@code label} and read from {@code sourceFile} lies,
   * relative to the output root: XCP-D's name ({@code atlas-}, {@code space-}, {@code res-},
   * {@code cohort-} of the source, which keeps its extension).
   */
  public static String imagePath(String label, String sourceFile) {
    return folder(label) + "/" + imageStem(label, sourceFile) + extension(sourceFile);
  }

  /** {@link #imagePath} as a BIDS URI into the output dataset ({@code bids::...}). */
  public static String bidsUri(String label, String sourceFile) {
    return "bids::" + imagePath(label, sourceFile);
  }

  /** The region table's path, relative to the output root. */
  public static String tablePath(String label) {
    return folder(label) + "/atlas-" + label + "_dseg.tsv";
  }

  /** Copies every atlas (image, table, sidecar) and the folder's description under root. */
  public static List<String> write(Configuration conf, String root, List<Atlas> atlases)
      throws IOException {
    List<String> written = new ArrayList<>();
    for (Atlas atlas : atlases) {
      String image = imagePath(atlas.name(), atlas.file());
      copy(conf, atlas.file(), OutputFiles.resolve(root, image));
      written.add(image);
      if (atlas.table() != null) {
        copy(conf, atlas.table(), OutputFiles.resolve(root, tablePath(atlas.name())));
        written.add(tablePath(atlas.name()));
      }
      String sidecar = folder(atlas.name()) + "/" + imageStem(atlas.name(), atlas.file())
          + ".json";
      writeJson(conf, OutputFiles.resolve(root, sidecar), sidecar(atlas));
      written.add(sidecar);
    }
    String description = FOLDER + "/dataset_description.json";
    writeJson(conf, OutputFiles.resolve(root, description), description());
    written.add(description);
    return written;
  }

  private static ObjectNode sidecar(Atlas atlas) {
    ObjectNode node = JSON.createObjectNode();
    node.put("Name", atlas.name());
    // File names only: the output holds no absolute input path.
    node.put("SourceFile", atlas.fileName());
    if (atlas.table() != null) {
      node.put("SourceTable", atlas.table().substring(atlas.table().lastIndexOf('/') + 1));
    }
    String template = AtlasSpace.templateOf(atlas);
    if (template != null) {
      node.put("Template", template);
    }
    AtlasName name = AtlasName.of(atlas.file());
    if (name.get("res") != null) {
      node.put("Resolution", name.get("res"));
    }
    if (name.get("den") != null) {
      node.put("Density", name.get("den"));
    }
    node.put("NumberOfRegions", atlas.regions().size());
    SoftwareVersion.putSidecarField(node);
    return node;
  }

  private static ObjectNode description() {
    ObjectNode d = JSON.createObjectNode();
    d.put("Name", "Atlases used by " + SoftwareVersion.NAME);
    d.put("BIDSVersion", "1.9.0");
    d.put("DatasetType", "atlas");
    ObjectNode by = d.putArray("GeneratedBy").addObject();
    by.put("Name", SoftwareVersion.NAME);
    by.put("Version", SoftwareVersion.current());
    return d;
  }

  private static String folder(String label) {
    return FOLDER + "/atlas-" + label;
  }

  private static String imageStem(String label, String sourceFile) {
    AtlasName name = AtlasName.of(sourceFile);
    StringBuilder b = new StringBuilder("atlas-").append(label);
    String template = AtlasSpace.templateOf(sourceFile);
    if (template != null) {
      b.append("_space-").append(template);
    }
    for (String key : List.of("res", "den", "cohort")) {
      if (name.get(key) != null) {
        b.append('_').append(key).append('-').append(name.get(key));
      }
    }
    return b.append("_dseg").toString();
  }

  private static String extension(String sourceFile) {
    if (GrayordinateLabels.isDenseLabelFile(sourceFile)) {
      return ".dlabel.nii";
    }
    return sourceFile.endsWith(".nii") ? ".nii" : ".nii.gz";
  }

  private static void copy(Configuration conf, String from, String to) throws IOException {
    try (InputStream in = DataSources.open(from).openStream();
        OutputStream out = OutputFiles.create(conf, to)) {
      in.transferTo(out);
    }
  }

  private static void writeJson(Configuration conf, String uri, ObjectNode content)
      throws IOException {
    try (OutputStream out = OutputFiles.create(conf, uri)) {
      JSON.writeValue(out, content);
    }
  }
}
