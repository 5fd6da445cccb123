/*
 * Pearson correlation of n series of t time points: register-blocked FP32 tile products.
 *
 * Layout: series-major and padded, series i's time point k at z[i * ld + k], where ld (the
 * leading dimension) is t rounded up to TILE_K and the buffer holds the n series rounded up to
 * TILE, the padding zero. Zeros add nothing to a dot product, so the inner loops need no bounds
 * checks and every global load is an aligned float4 (ld is a multiple of 4, the buffer aligned).
 * zscore_series turns each series into unit-norm deviations from its mean, so r(i, j) is a dot
 * product.
 *
 * Each block of THREADS x THREADS threads computes a TILE x TILE output tile; each thread holds
 * a MICRO x MICRO register tile (two 4-wide groups of rows times two 4-wide groups of columns,
 * 64 columns apart, so its shared-memory reads are float4 and a warp's reads cover a row of the
 * tile). The time axis goes in steps of TILE_K through two shared-memory buffers: while the
 * threads multiply out one step, the next step's float4 loads from global memory are in flight
 * into registers and are stored into the other buffer, one barrier per step.
 */
#include "portable.h"

#define TILE 128
#define TILE_K 8
#define THREADS 16
#define MICRO 8
#define HALF (TILE / 2)
/* Floats of one shared buffer of one operand: TILE_K rows of TILE series. */
#define PANEL (TILE_K * TILE)
/* Floats of the shared work space: two buffers of two operands. */
#define SHARED_FLOATS (4 * PANEL)

/* Mean-centred, unit-norm series; a constant or non-finite series becomes all zeros (no edges). */
KERNEL void zscore_series(GLOBAL_MEM float* data, int n, int t, int ld) {
  int i = GLOBAL_X;
  if (i >= n) {
    return;
  }
  GLOBAL_MEM float* series = data + (long) i * ld;
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
  float scale = squares > 0.0f && IS_FINITE_F(squares) ? 1.0f / SQRT_F(squares) : 0.0f;
  for (int k = 0; k < t; k++) {
    series[k] = scale == 0.0f ? 0.0f : (series[k] - mean) * scale;
  }
}

/*
 * This thread's share of one step: series first + tid / 2, time points k0 + 4 * (tid % 2) to
 * + 3, one float4 (TILE series x TILE_K time points = 256 float4 for 256 threads).
 */
DEVICE_FN float4 fetch(GLOBAL_MEM const float* z, int ld, int first, int k0, int tid) {
  return LOAD_GLOBAL4(z + (long) (first + (tid >> 1)) * ld + k0 + 4 * (tid & 1));
}

/* Stores a fetched float4 transposed: panel[k][series]. */
DEVICE_FN void stash(SHARED_PTR float* panel, float4 v, int tid) {
  int s = tid >> 1;
  int k = 4 * (tid & 1);
  panel[(k + 0) * TILE + s] = v.x;
  panel[(k + 1) * TILE + s] = v.y;
  panel[(k + 2) * TILE + s] = v.z;
  panel[(k + 3) * TILE + s] = v.w;
}

/* Row (or column) of the tile that register index m of thread coordinate c stands for. */
DEVICE_FN int micro_index(int c, int m) {
  return (m < 4 ? 0 : HALF) + 4 * c + (m & 3);
}

/*
 * acc[a * MICRO + b] = r(rowFirst + micro_index(ty, a), colFirst + micro_index(tx, b)).
 * Both tiles lie inside the padded buffer.
 */
DEVICE_FN void tile_product(GLOBAL_MEM const float* z, int ld, int rowFirst, int colFirst,
    SHARED_PTR float* work, float* acc) {
  int tx = THREAD_X;
  int ty = THREAD_Y;
  int tid = ty * THREADS + tx;
  UNROLL
  for (int m = 0; m < MICRO * MICRO; m++) {
    acc[m] = 0.0f;
  }
  /* Buffer b of the rows at work + 2 * b * PANEL, of the columns at work + (2 * b + 1) * PANEL. */
  stash(work, fetch(z, ld, rowFirst, 0, tid), tid);
  stash(work + PANEL, fetch(z, ld, colFirst, 0, tid), tid);
  BARRIER();
  int steps = ld / TILE_K;
  for (int step = 0; step < steps; step++) {
    SHARED_PTR float* rows = work + 2 * (step & 1) * PANEL;
    SHARED_PTR float* cols = rows + PANEL;
    int more = step + 1 < steps;
    float4 nextRows;
    float4 nextCols;
    if (more) {
      nextRows = fetch(z, ld, rowFirst, (step + 1) * TILE_K, tid);
      nextCols = fetch(z, ld, colFirst, (step + 1) * TILE_K, tid);
    }
    UNROLL
    for (int k = 0; k < TILE_K; k++) {
      float4 a0 = LOAD_SHARED4(rows + k * TILE + 4 * ty);
      float4 a1 = LOAD_SHARED4(rows + k * TILE + HALF + 4 * ty);
      float4 b0 = LOAD_SHARED4(cols + k * TILE + 4 * tx);
      float4 b1 = LOAD_SHARED4(cols + k * TILE + HALF + 4 * tx);
      float a[MICRO] = {a0.x, a0.y, a0.z, a0.w, a1.x, a1.y, a1.z, a1.w};
      float b[MICRO] = {b0.x, b0.y, b0.z, b0.w, b1.x, b1.y, b1.z, b1.w};
      UNROLL
      for (int p = 0; p < MICRO; p++) {
        UNROLL
        for (int q = 0; q < MICRO; q++) {
          acc[p * MICRO + q] += a[p] * b[q];
        }
      }
    }
    if (more) {
      SHARED_PTR float* next = work + 2 * ((step + 1) & 1) * PANEL;
      stash(next, nextRows, tid);
      stash(next + PANEL, nextCols, tid);
    }
    BARRIER();
  }
}

/*
 * Dense r for rows [rowStart, rowStart + rowCount) against all n series, written row-major at
 * out[(i - rowStart) * n + j]. With symmetric != 0 the strip must be the whole matrix: tiles
 * below the diagonal are skipped and each computed value is also written at its mirror.
 * rowStart is a multiple of TILE. Grid: x over column tiles, y over row tiles of the strip.
 */
KERNEL void TILE_BOUNDS correlate_dense(GLOBAL_MEM const float* z, int n, int ld, int rowStart,
    int rowCount, int symmetric, GLOBAL_MEM float* out) {
  /* Declared as float4 so that the float4 reads and writes of the tiles are aligned. */
  SHARED_MEM float4 work4[SHARED_FLOATS / 4];
  SHARED_PTR float* work = (SHARED_PTR float*) work4;
  if (symmetric && BLOCK_X < BLOCK_Y) {
    return;
  }
  int rowFirst = rowStart + BLOCK_Y * TILE;
  int colFirst = BLOCK_X * TILE;
  float acc[MICRO * MICRO];
  tile_product(z, ld, rowFirst, colFirst, work, acc);
  UNROLL
  for (int p = 0; p < MICRO; p++) {
    int row = rowFirst + micro_index(THREAD_Y, p);
    UNROLL
    for (int q = 0; q < MICRO; q++) {
      int col = colFirst + micro_index(THREAD_X, q);
      if (row < rowStart + rowCount && row < n && col < n) {
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
KERNEL void TILE_BOUNDS correlate_threshold(GLOBAL_MEM const float* z, int n, int ld, int rowTileStart,
    float threshold, GLOBAL_MEM int* counter, GLOBAL_MEM int* edgeRow, GLOBAL_MEM int* edgeCol,
    GLOBAL_MEM float* edgeR, int capacity) {
  /* Declared as float4 so that the float4 reads and writes of the tiles are aligned. */
  SHARED_MEM float4 work4[SHARED_FLOATS / 4];
  SHARED_PTR float* work = (SHARED_PTR float*) work4;
  int rowTile = rowTileStart + BLOCK_Y;
  if (BLOCK_X < rowTile) {
    return;
  }
  int rowFirst = rowTile * TILE;
  int colFirst = BLOCK_X * TILE;
  float acc[MICRO * MICRO];
  tile_product(z, ld, rowFirst, colFirst, work, acc);
  UNROLL
  for (int p = 0; p < MICRO; p++) {
    int row = rowFirst + micro_index(THREAD_Y, p);
    UNROLL
    for (int q = 0; q < MICRO; q++) {
      int col = colFirst + micro_index(THREAD_X, q);
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

/*
 * The ranking of the top-k rule (EdgeSelection): larger |r| first, equal |r| to the lower
 * column; an empty slot (column < 0) ranks below everything. A total order, so the kept set does
 * not depend on the order in which tiles and chunks are merged.
 */
DEVICE_FN int ranks_above(float absA, int colA, float absB, int colB) {
  return colB < 0 || absA > absB || (absA == absB && colA < colB);
}

/* True if entry x ranks strictly below entry y; an empty entry is below any other, not itself. */
DEVICE_FN int ranks_below(float absX, int colX, float absY, int colY) {
  if (colX < 0) {
    return colY >= 0;
  }
  if (colY < 0) {
    return 0;
  }
  return absX < absY || (absX == absY && colX > colY);
}

/*
 * A row's k best so far as a min-heap on rank (the root is the weakest, the first to go), in
 * (cols, rs); all-empty (column -1) at the start, which is a valid heap since empties rank
 * lowest. Puts (col, r), which the caller found to rank above the root, in place of the root and
 * sifts it down (log2 k levels, not k shifts); returns the new root through floorAbs, floorCol.
 */
DEVICE_FN void insert_ranked(GLOBAL_MEM int* cols, GLOBAL_MEM float* rs, int k, int col,
    float r, float* floorAbs, int* floorCol) {
  float a = ABS_F(r);
  int i = 0;
  while (1) {
    int weakest = i;
    float weakestAbs = a;
    int weakestCol = col;
    for (int child = 2 * i + 1; child <= 2 * i + 2 && child < k; child++) {
      float childAbs = ABS_F(rs[child]);
      int childCol = cols[child];
      if (ranks_below(childAbs, childCol, weakestAbs, weakestCol)) {
        weakest = child;
        weakestAbs = childAbs;
        weakestCol = childCol;
      }
    }
    if (weakest == i) {
      break;
    }
    cols[i] = cols[weakest];
    rs[i] = rs[weakest];
    i = weakest;
  }
  cols[i] = col;
  rs[i] = r;
  *floorAbs = ABS_F(rs[0]);
  *floorCol = cols[0];
}

/*
 * One staged group of 32 rows (rows 32g .. 32g + 31 of the block's tile, at work[row * TILE +
 * column]): thread tid (< 32) offers row 32g + tid's candidates to that row's list.
 */
DEVICE_FN void select_staged(SHARED_PTR const float* work, int tid, int g, int n, int k,
    int chunks, int rowFirst, int colFirst, GLOBAL_MEM int* partialCol,
    GLOBAL_MEM float* partialR, float* floorAbs, int* floorCol) {
  int row = rowFirst + 32 * g + tid;
  int stripRow = BLOCK_Y * TILE + 32 * g + tid;
  long base = ((long) stripRow * chunks + BLOCK_X) * k;
  for (int c = 0; c < TILE; c++) {
    int col = colFirst + c;
    float r = work[tid * TILE + c];
    if (row < n && col < n && col != row
        && ranks_above(ABS_F(r), col, floorAbs[g], floorCol[g])) {
      insert_ranked(partialCol + base, partialR + base, k, col, r, &floorAbs[g], &floorCol[g]);
    }
  }
}

/*
 * Top-k, first level: block (chunk, strip tile) computes the tiles of rows [rowFirst, rowFirst
 * + TILE) against column tiles [chunk * tilesPerChunk, ...) of all n columns (whole rows, not
 * the triangle: each row's selection stays inside one block) and keeps each row's k best in
 * heaps partialCol/partialR[((stripRow) * chunks + chunk) * k ...] (see insert_ranked). After each
 * tile, 32 rows at a time go through shared memory and one thread per row inserts the tile's
 * candidates that rank above the row's current k-th (kept in a register, so most are one
 * comparison). Grid: x over chunks, y over the strip's row tiles.
 */
KERNEL void TILE_BOUNDS correlate_topk_partial(GLOBAL_MEM const float* z, int n, int ld, int rowTileStart,
    int tilesPerChunk, int chunks, int k, GLOBAL_MEM int* partialCol,
    GLOBAL_MEM float* partialR) {
  /* Declared as float4 so that the float4 reads and writes of the tiles are aligned. */
  SHARED_MEM float4 work4[SHARED_FLOATS / 4];
  SHARED_PTR float* work = (SHARED_PTR float*) work4;
  int tid = THREAD_Y * THREADS + THREAD_X;
  int rowFirst = (rowTileStart + BLOCK_Y) * TILE;
  float floorAbs[4];
  int floorCol[4];
  if (tid < 32) {
    UNROLL
    for (int g = 0; g < 4; g++) {
      int stripRow = BLOCK_Y * TILE + 32 * g + tid;
      long base = ((long) stripRow * chunks + BLOCK_X) * k;
      for (int e = 0; e < k; e++) {
        partialCol[base + e] = -1;
        partialR[base + e] = 0.0f;
      }
      floorAbs[g] = -1.0f;
      floorCol[g] = -1;
    }
  }
  int colTiles = (n + TILE - 1) / TILE;
  int lastTile = (BLOCK_X + 1) * tilesPerChunk;
  if (lastTile > colTiles) {
    lastTile = colTiles;
  }
  for (int colTile = BLOCK_X * tilesPerChunk; colTile < lastTile; colTile++) {
    int colFirst = colTile * TILE;
    float acc[MICRO * MICRO];
    tile_product(z, ld, rowFirst, colFirst, work, acc);
    /* Rows 32g .. 32g + 31 of the tile: held by threads with ty / 8 == g % 2, register rows 4 * (g / 2) + 0..3. */
    UNROLL
    for (int g = 0; g < 4; g++) {
      if ((THREAD_Y >> 3) == (g & 1)) {
        int upper = g >> 1;
        UNROLL
        for (int p = 0; p < 4; p++) {
          int stageRow = 4 * (THREAD_Y & 7) + p;
          int m = 4 * upper + p;
          STORE_SHARED4(work + stageRow * TILE + 4 * THREAD_X, MAKE_FLOAT4(acc[m * MICRO + 0],
              acc[m * MICRO + 1], acc[m * MICRO + 2], acc[m * MICRO + 3]));
          STORE_SHARED4(work + stageRow * TILE + HALF + 4 * THREAD_X, MAKE_FLOAT4(
              acc[m * MICRO + 4], acc[m * MICRO + 5], acc[m * MICRO + 6], acc[m * MICRO + 7]));
        }
      }
      BARRIER();
      if (tid < 32) {
        select_staged(work, tid, g, n, k, chunks, rowFirst, colFirst, partialCol, partialR,
            floorAbs, floorCol);
      }
      BARRIER();
    }
  }
}

/*
 * Top-k, second level: one thread per strip row merges its chunks' heaps into the row's k best,
 * a heap at edgeCol/edgeR[stripRow * k ...]: the only values that go back to the host.
 */
KERNEL void topk_merge(GLOBAL_MEM const int* partialCol, GLOBAL_MEM const float* partialR,
    int stripRows, int chunks, int k, GLOBAL_MEM int* edgeCol, GLOBAL_MEM float* edgeR) {
  int stripRow = GLOBAL_X;
  if (stripRow >= stripRows) {
    return;
  }
  GLOBAL_MEM int* cols = edgeCol + (long) stripRow * k;
  GLOBAL_MEM float* rs = edgeR + (long) stripRow * k;
  for (int e = 0; e < k; e++) {
    cols[e] = -1;
    rs[e] = 0.0f;
  }
  float floorAbs = -1.0f;
  int floorCol = -1;
  long first = (long) stripRow * chunks * k;
  for (long e = first; e < first + (long) chunks * k; e++) {
    int col = partialCol[e];
    float r = partialR[e];
    if (col >= 0 && ranks_above(ABS_F(r), col, floorAbs, floorCol)) {
      insert_ranked(cols, rs, k, col, r, &floorAbs, &floorCol);
    }
  }
}

#ifndef __OPENCL_VERSION__
/*
 * TF32 tensor-core variants (CUDA only, sm_80 and newer): the same tiles, padding, shared
 * buffers and epilogues, with the inner product done by mma.sync.m16n8k8 on TF32 operands
 * (10-bit mantissa, rounded to nearest from the FP32 z-scores) accumulating in FP32. The 8 warps
 * of a block form a 2 x 4 grid, each warp a 64 x 32 piece of the tile: 4 x 4 mma tiles of
 * 16 x 8, 64 accumulators per thread. The panels are read with a stride of TILE + 8 so that the
 * fragment loads hit 32 different banks.
 */
#define TF32_STRIDE (TILE + 8)
#define TF32_PANEL (TILE_K * TF32_STRIDE)
#define TF32_SHARED_FLOATS (4 * TF32_PANEL)

DEVICE_FN void tf32_stash(float* panel, float4 v, int tid) {
  int s = tid >> 1;
  int k = 4 * (tid & 1);
  panel[(k + 0) * TF32_STRIDE + s] = v.x;
  panel[(k + 1) * TF32_STRIDE + s] = v.y;
  panel[(k + 2) * TF32_STRIDE + s] = v.z;
  panel[(k + 3) * TF32_STRIDE + s] = v.w;
}

DEVICE_FN unsigned to_tf32(float x) {
  unsigned r;
  asm("cvt.rna.tf32.f32 %0, %1;" : "=r"(r) : "f"(x));
  return r;
}

/* Tile row of accumulator e (mma tile m = e / 16, n = e / 4 % 4, element e % 4). */
DEVICE_FN int tf32_row(int e) {
  int warp = THREAD_Y / 2;
  int lane = (THREAD_Y & 1) * 16 + THREAD_X;
  return (warp / 4) * 64 + (e / 16) * 16 + (lane >> 2) + 8 * ((e & 3) >> 1);
}

/* Tile column of accumulator e. */
DEVICE_FN int tf32_col(int e) {
  int warp = THREAD_Y / 2;
  int lane = (THREAD_Y & 1) * 16 + THREAD_X;
  return (warp % 4) * 32 + ((e / 4) % 4) * 8 + 2 * (lane & 3) + (e & 1);
}

DEVICE_FN void tf32_tile_product(const float* z, int ld, int rowFirst, int colFirst,
    float* work, float* acc) {
  int tid = THREAD_Y * THREADS + THREAD_X;
  int warp = tid >> 5;
  int lane = tid & 31;
  int group = lane >> 2;
  int quad = lane & 3;
  int warpRow = (warp / 4) * 64;
  int warpCol = (warp % 4) * 32;
  UNROLL
  for (int m = 0; m < 64; m++) {
    acc[m] = 0.0f;
  }
  tf32_stash(work, fetch(z, ld, rowFirst, 0, tid), tid);
  tf32_stash(work + TF32_PANEL, fetch(z, ld, colFirst, 0, tid), tid);
  BARRIER();
  int steps = ld / TILE_K;
  for (int step = 0; step < steps; step++) {
    float* rows = work + 2 * (step & 1) * TF32_PANEL;
    float* cols = rows + TF32_PANEL;
    int more = step + 1 < steps;
    float4 nextRows;
    float4 nextCols;
    if (more) {
      nextRows = fetch(z, ld, rowFirst, (step + 1) * TILE_K, tid);
      nextCols = fetch(z, ld, colFirst, (step + 1) * TILE_K, tid);
    }
    unsigned a[4][4];
    unsigned b[4][2];
    UNROLL
    for (int mt = 0; mt < 4; mt++) {
      int r = warpRow + mt * 16 + group;
      a[mt][0] = to_tf32(rows[quad * TF32_STRIDE + r]);
      a[mt][1] = to_tf32(rows[quad * TF32_STRIDE + r + 8]);
      a[mt][2] = to_tf32(rows[(quad + 4) * TF32_STRIDE + r]);
      a[mt][3] = to_tf32(rows[(quad + 4) * TF32_STRIDE + r + 8]);
    }
    UNROLL
    for (int nt = 0; nt < 4; nt++) {
      int c = warpCol + nt * 8 + group;
      b[nt][0] = to_tf32(cols[quad * TF32_STRIDE + c]);
      b[nt][1] = to_tf32(cols[(quad + 4) * TF32_STRIDE + c]);
    }
    UNROLL
    for (int mt = 0; mt < 4; mt++) {
      UNROLL
      for (int nt = 0; nt < 4; nt++) {
        float* d = acc + (mt * 4 + nt) * 4;
        asm volatile("mma.sync.aligned.m16n8k8.row.col.f32.tf32.tf32.f32 "
            "{%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, %9}, {%0, %1, %2, %3};"
            : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
            : "r"(a[mt][0]), "r"(a[mt][1]), "r"(a[mt][2]), "r"(a[mt][3]),
              "r"(b[nt][0]), "r"(b[nt][1]));
      }
    }
    if (more) {
      float* next = work + 2 * ((step + 1) & 1) * TF32_PANEL;
      tf32_stash(next, nextRows, tid);
      tf32_stash(next + TF32_PANEL, nextCols, tid);
    }
    BARRIER();
  }
}

/* correlate_dense with TF32 products: same arguments and grid. */
KERNEL void TILE_BOUNDS correlate_dense_tf32(const float* z, int n, int ld, int rowStart, int rowCount,
    int symmetric, float* out) {
  SHARED_MEM float4 work4[TF32_SHARED_FLOATS / 4];
  float* work = (float*) work4;
  if (symmetric && BLOCK_X < BLOCK_Y) {
    return;
  }
  int rowFirst = rowStart + BLOCK_Y * TILE;
  int colFirst = BLOCK_X * TILE;
  float acc[64];
  tf32_tile_product(z, ld, rowFirst, colFirst, work, acc);
  UNROLL
  for (int e = 0; e < 64; e++) {
    int row = rowFirst + tf32_row(e);
    int col = colFirst + tf32_col(e);
    if (row < rowStart + rowCount && row < n && col < n) {
      out[(long) (row - rowStart) * n + col] = acc[e];
      if (symmetric) {
        out[(long) col * n + row] = acc[e];
      }
    }
  }
}

/* correlate_threshold with TF32 products: same arguments and grid. */
KERNEL void TILE_BOUNDS correlate_threshold_tf32(const float* z, int n, int ld, int rowTileStart,
    float threshold, int* counter, int* edgeRow, int* edgeCol, float* edgeR, int capacity) {
  SHARED_MEM float4 work4[TF32_SHARED_FLOATS / 4];
  float* work = (float*) work4;
  int rowTile = rowTileStart + BLOCK_Y;
  if (BLOCK_X < rowTile) {
    return;
  }
  int rowFirst = rowTile * TILE;
  int colFirst = BLOCK_X * TILE;
  float acc[64];
  tf32_tile_product(z, ld, rowFirst, colFirst, work, acc);
  UNROLL
  for (int e = 0; e < 64; e++) {
    int row = rowFirst + tf32_row(e);
    int col = colFirst + tf32_col(e);
    if (row < col && col < n && ABS_F(acc[e]) >= threshold) {
      int slot = ATOMIC_INC(counter);
      if (slot < capacity) {
        edgeRow[slot] = row;
        edgeCol[slot] = col;
        edgeR[slot] = acc[e];
      }
    }
  }
}

/* correlate_topk_partial with TF32 products: same arguments, grid and lists. */
KERNEL void TILE_BOUNDS correlate_topk_partial_tf32(const float* z, int n, int ld, int rowTileStart,
    int tilesPerChunk, int chunks, int k, int* partialCol, float* partialR) {
  SHARED_MEM float4 work4[TF32_SHARED_FLOATS / 4];
  float* work = (float*) work4;
  int tid = THREAD_Y * THREADS + THREAD_X;
  int rowFirst = (rowTileStart + BLOCK_Y) * TILE;
  float floorAbs[4];
  int floorCol[4];
  if (tid < 32) {
    UNROLL
    for (int g = 0; g < 4; g++) {
      int stripRow = BLOCK_Y * TILE + 32 * g + tid;
      long base = ((long) stripRow * chunks + BLOCK_X) * k;
      for (int e = 0; e < k; e++) {
        partialCol[base + e] = -1;
        partialR[base + e] = 0.0f;
      }
      floorAbs[g] = -1.0f;
      floorCol[g] = -1;
    }
  }
  int colTiles = (n + TILE - 1) / TILE;
  int lastTile = min((BLOCK_X + 1) * tilesPerChunk, colTiles);
  for (int colTile = BLOCK_X * tilesPerChunk; colTile < lastTile; colTile++) {
    int colFirst = colTile * TILE;
    float acc[64];
    tf32_tile_product(z, ld, rowFirst, colFirst, work, acc);
    UNROLL
    for (int g = 0; g < 4; g++) {
      UNROLL
      for (int e = 0; e < 64; e++) {
        int row = tf32_row(e) - 32 * g;
        if (row >= 0 && row < 32) {
          work[row * TILE + tf32_col(e)] = acc[e];
        }
      }
      BARRIER();
      if (tid < 32) {
        select_staged(work, tid, g, n, k, chunks, rowFirst, colFirst, partialCol, partialR,
            floorAbs, floorCol);
      }
      BARRIER();
    }
  }
}
#endif
