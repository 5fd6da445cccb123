package org.sparkconnectome.io;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Opens a path or URI as a {@link DataSource}: plain paths locally, anything else via Hadoop. */
public final class DataSources {
  private DataSources() {
  }

  /** A local path, {@code file:} URI, or any Hadoop file system URI ({@code hdfs://, s3a://}). */
  public static DataSource open(String pathOrUri) {
    String scheme = schemeOf(pathOrUri);
    if (scheme == null) {
      return new LocalDataSource(Path.of(pathOrUri));
    }
    if (scheme.equals("file")) {
      return new LocalDataSource(Path.of(URI.create(pathOrUri)));
    }
    return new HadoopDataSource(pathOrUri, HadoopDataSource.defaultConfiguration());
  }

  /** The URI scheme, or null for a plain path (a Windows drive letter is not a scheme). */
  static String schemeOf(String pathOrUri) {
    int colon = pathOrUri.indexOf(':');
    if (colon < 2) {
      return null;
    }
    try {
      String scheme = new URI(pathOrUri.replace(" ", "%20")).getScheme();
      return scheme == null ? null : scheme.toLowerCase(java.util.Locale.ROOT);
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
