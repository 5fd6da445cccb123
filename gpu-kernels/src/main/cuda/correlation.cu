/*
 * Pearson correlation of n series of t time points, in shared-memory tiles.
 *
 * Layout: series-major, series i's time point k at z[i * t + k] (a column-major t x n matrix).
 * zscore_series turns each series into unit-norm deviations from its mean, so r(i, j) is a dot
 * product. Each block computes a TILE x TILE output tile with THREADS x THREADS threads, each
 * thread a MICRO x MICRO register tile strided by THREADS so neighbouring threads touch
 * neighbouring columns (coalesced stores, conflict-free shared reads). Only tiles on or above the
 * diagonal are computed: r is symmetric.
 */
#include "portable.h"

#define TILE 64
#define TILE_K 16
#define THREADS 16
#define MICRO 4
#define TILE_STRIDE (TILE + 1)

/* Mean-centred, unit-norm series; a constant series becomes all zeros (no edges, r = 0). */
KERNEL void zscore_series(GLOBAL_MEM float* data, int n, int t) {
  int i = GLOBAL_X;
  if (i >= n) {
    return;
  }
  GLOBAL_MEM float* series = data + (long) i * t;
  float sum = 0.0f;
  for (int k = 0; k < t; k++) {
    sum += series[k];
  }
  float mean = sum / (float) t;
  float squares = 0.0f;
  for (int k = 0; k < t; k++) {
    float d = series[k] - mean;
    squares += d * d;
  }
  float scale = squares > 0.0f ? 1.0f / SQRT_F(squares) : 0.0f;
  for (int k = 0; k < t; k++) {
    series[k] = (series[k] - mean) * scale;
  }
}

/* Series [first, first + TILE) x time [k0, k0 + TILE_K) into tile[k][s], zero-padded outside. */
DEVICE_FN void load_tile(GLOBAL_MEM const float* z, int n, int t, int first, int k0,
    SHARED_PTR float* tile, int tid) {
  for (int e = tid; e < TILE * TILE_K; e += THREADS * THREADS) {
    int s = e / TILE_K;
    int k = e % TILE_K;
    int series = first + s;
    int time = k0 + k;
    tile[k * TILE_STRIDE + s] = (series < n && time < t) ? z[(long) series * t + time] : 0.0f;
  }
}

/* acc[a * MICRO + b] = r(rowFirst + ty + THREADS * a, colFirst + tx + THREADS * b). */
DEVICE_FN void tile_product(GLOBAL_MEM const float* z, int n, int t, int rowFirst, int colFirst,
    SHARED_PTR float* rows, SHARED_PTR float* cols, float* acc) {
  int tx = THREAD_X;
  int ty = THREAD_Y;
  int tid = ty * THREADS + tx;
  for (int m = 0; m < MICRO * MICRO; m++) {
    acc[m] = 0.0f;
  }
  for (int k0 = 0; k0 < t; k0 += TILE_K) {
    load_tile(z, n, t, rowFirst, k0, rows, tid);
    load_tile(z, n, t, colFirst, k0, cols, tid);
    BARRIER();
    for (int k = 0; k < TILE_K; k++) {
      float a[MICRO];
      float b[MICRO];
      for (int m = 0; m < MICRO; m++) {
        a[m] = rows[k * TILE_STRIDE + ty + THREADS * m];
        b[m] = cols[k * TILE_STRIDE + tx + THREADS * m];
      }
      for (int p = 0; p < MICRO; p++) {
        for (int q = 0; q < MICRO; q++) {
          acc[p * MICRO + q] += a[p] * b[q];
        }
      }
    }
    BARRIER();
  }
}

/*
 * Dense r for rows [rowStart, rowStart + rowCount) against all n series, written row-major at
 * out[(i - rowStart) * n + j]. With symmetric != 0 the strip must be the whole matrix: tiles
 * below the diagonal are skipped and each computed value is also written at its mirror.
 * Grid: x over column tiles, y over row tiles of the strip.
 */
KERNEL void correlate_dense(GLOBAL_MEM const float* z, int n, int t, int rowStart, int rowCount,
    int symmetric, GLOBAL_MEM float* out) {
  SHARED_MEM float rows[TILE_K * TILE_STRIDE];
  SHARED_MEM float cols[TILE_K * TILE_STRIDE];
  if (symmetric && BLOCK_X < BLOCK_Y) {
    return;
  }
  int rowFirst = rowStart + BLOCK_Y * TILE;
  int colFirst = BLOCK_X * TILE;
  float acc[MICRO * MICRO];
  tile_product(z, n, t, rowFirst, colFirst, rows, cols, acc);
  for (int p = 0; p < MICRO; p++) {
    int row = rowFirst + THREAD_Y + THREADS * p;
    for (int q = 0; q < MICRO; q++) {
      int col = colFirst + THREAD_X + THREADS * q;
      if (row < rowStart + rowCount && col < n) {
        float r = acc[p * MICRO + q];
        out[(long) (row - rowStart) * n + col] = r;
        if (symmetric) {
          out[(long) col * n + row] = r;
        }
      }
    }
  }
}

/*
 * Fused threshold: the upper-triangle pairs i < j of row tiles [rowTileStart, rowTileStart +
 * gridDim.y) with |r| >= threshold are appended to (edgeRow, edgeCol, edgeR) at slots taken from
 * an atomic counter. Slots past capacity are counted but not written, so the host learns the size
 * it needs and runs the strip again. Grid: x over all column tiles, y over the strip's row tiles.
 */
KERNEL void correlate_threshold(GLOBAL_MEM const float* z, int n, int t, int rowTileStart,
    float threshold, GLOBAL_MEM int* counter, GLOBAL_MEM int* edgeRow, GLOBAL_MEM int* edgeCol,
    GLOBAL_MEM float* edgeR, int capacity) {
  SHARED_MEM float rows[TILE_K * TILE_STRIDE];
  SHARED_MEM float cols[TILE_K * TILE_STRIDE];
  int rowTile = rowTileStart + BLOCK_Y;
  if (BLOCK_X < rowTile) {
    return;
  }
  int rowFirst = rowTile * TILE;
  int colFirst = BLOCK_X * TILE;
  float acc[MICRO * MICRO];
  tile_product(z, n, t, rowFirst, colFirst, rows, cols, acc);
  for (int p = 0; p < MICRO; p++) {
    int row = rowFirst + THREAD_Y + THREADS * p;
    for (int q = 0; q < MICRO; q++) {
      int col = colFirst + THREAD_X + THREADS * q;
      float r = acc[p * MICRO + q];
      if (row < col && col < n && ABS_F(r) >= threshold) {
        int slot = ATOMIC_INC(counter);
        if (slot < capacity) {
          edgeRow[slot] = row;
          edgeCol[slot] = col;
          edgeR[slot] = r;
        }
      }
    }
  }
}
