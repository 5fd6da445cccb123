package org.sparkconnectome.formats.cifti;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes single-file, uncompressed CIFTI-2 matrices of float32 values: parcellated series
 * ({@code .ptseries.nii}) and parcel-by-parcel connectivity ({@code .pconn.nii}), readable by
 * nibabel and Connectome Workbench. NaN values (parcels without data) are written as they are.
 */
public final class CiftiWriter {
  private static final int HEADER_BYTES = 540;
  private static final int FLOAT32 = 16;

  private CiftiWriter() {
  }

  /**
   * A ptseries: intent {@code ConnParcelSries}, axis 0 the series, axis 1 the parcels.
   *
   * @param data {@code [time][parcel]}
   */
  public static void writeParcelSeries(OutputStream out, SeriesAxis series, ParcelsAxis parcels,
      float[][] data) throws IOException {
    write(out, CiftiIntent.PARCEL_SERIES, List.of(series, parcels), data);
  }

  /**
   * A pconn: intent {@code ConnParcels}, the same parcels along both axes.
   *
   * @param data {@code [parcel][parcel]}
   */
  public static void writeParcelConnectivity(OutputStream out, ParcelsAxis parcels,
      float[][] data) throws IOException {
    write(out, CiftiIntent.PARCELS, List.of(parcels, parcels), data);
  }

  private static void write(OutputStream out, CiftiIntent intent, List<CiftiAxis> axes,
      float[][] data) throws IOException {
    int rows = axes.get(0).length();
    int columns = axes.get(1).length();
    if (data.length != rows) {
      throw new IllegalArgumentException(data.length + " rows of data for an axis 0 of " + rows);
    }
    for (float[] row : data) {
      if (row.length != columns) {
        throw new IllegalArgumentException("a row of " + row.length
            + " values for an axis 1 of " + columns);
      }
    }
    byte[] xml = CiftiXmlWriter.write(axes).getBytes(StandardCharsets.UTF_8);
    // esize counts its own 8 bytes and pads the content to a multiple of 16, as NIfTI asks.
    int esize = (xml.length + 8 + 15) / 16 * 16;
    long voxOffset = HEADER_BYTES + 4 + esize;
    ByteBuffer h = header(intent, rows, columns, voxOffset);
    ByteBuffer ext = ByteBuffer.allocate(4 + esize).order(ByteOrder.LITTLE_ENDIAN);
    ext.put(0, (byte) 1);
    ext.putInt(4, esize).putInt(8, 32);
    ext.put(12, xml);
    BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
    buffered.write(h.array());
    buffered.write(ext.array());
    // Axis 0 varies fastest on disk: each column (one parcel's series) is contiguous.
    ByteBuffer column = ByteBuffer.allocate(rows * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (int j = 0; j < columns; j++) {
      column.clear();
      for (int i = 0; i < rows; i++) {
        column.putFloat(data[i][j]);
      }
      buffered.write(column.array(), 0, column.position());
    }
    buffered.flush();
  }

  private static ByteBuffer header(CiftiIntent intent, int rows, int columns, long voxOffset) {
    ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    h.putInt(0, HEADER_BYTES);
    h.put(4, new byte[] {'n', '+', '2', 0, '\r', '\n', 0x1a, '\n'});
    h.putShort(12, (short) FLOAT32).putShort(14, (short) 32);
    long[] dim = {6, 1, 1, 1, 1, rows, columns, 1};
    for (int i = 0; i < 8; i++) {
      h.putLong(16 + 8 * i, dim[i]);
      h.putDouble(104 + 8 * i, 1.0);
    }
    h.putLong(168, voxOffset);
    h.putDouble(176, 1.0).putDouble(184, 0.0);
    h.putInt(504, intent.code());
    byte[] name = intent.intentName().getBytes(StandardCharsets.US_ASCII);
    h.put(508, name, 0, Math.min(name.length, 15));
    return h;
  }
}
