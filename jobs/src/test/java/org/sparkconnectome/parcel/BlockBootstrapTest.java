package org.sparkconnectome.parcel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The circular block bootstrap: lengths, blocks of consecutive volumes, the wrap, the seed. */
class BlockBootstrapTest {

  @Test
  void defaultBlockIsTheRoundedSquareRootOfTheLength() {
    assertEquals(12, BlockBootstrap.defaultBlock(150));
    assertEquals(10, BlockBootstrap.defaultBlock(100));
    assertEquals(1, BlockBootstrap.defaultBlock(2));
    assertEquals(2, BlockBootstrap.defaultBlock(3));
    assertEquals(1, BlockBootstrap.defaultBlock(1));
    assertEquals(35, BlockBootstrap.defaultBlock(1200));
  }

  @Test
  void drawsBlocksOfConsecutiveVolumesCutToTheRunsLength() {
    for (int[] tb : new int[][] {{150, 12}, {100, 10}, {17, 5}, {9, 9}, {7, 1}}) {
      int t = tb[0];
      int block = tb[1];
      int[] drawn = BlockBootstrap.draw(t, block, new Random(5));
      assertEquals(t, drawn.length, "as long as the run");
      for (int at = 0; at < t; at++) {
        assertTrue(drawn[at] >= 0 && drawn[at] < t);
        if (at % block != 0) {
          // Inside a block each volume follows the one before, the last one by the first.
          assertEquals((drawn[at - 1] + 1) % t, drawn[at], "volume " + at + " of a block");
        }
      }
    }
  }

  @Test
  void theBlocksAreThoseOfTheSeededStarts() {
    // Same generator, same calls: the starts are nextInt(T), one per block, in order.
    Random starts = new Random(11);
    int[] drawn = BlockBootstrap.draw(20, 6, new Random(11));
    for (int b = 0; b < 4; b++) {
      int start = starts.nextInt(20);
      for (int i = 0; i < 6 && 6 * b + i < 20; i++) {
        assertEquals((start + i) % 20, drawn[6 * b + i], "block " + b + " volume " + i);
      }
    }
  }

  @Test
  void aBlockPastTheLastVolumeGoesOnFromTheFirst() {
    boolean wrapped = false;
    Random random = new Random(3);
    for (int trial = 0; trial < 50 && !wrapped; trial++) {
      int[] drawn = BlockBootstrap.draw(10, 4, random);
      for (int at = 1; at < drawn.length; at++) {
        if (at % 4 != 0 && drawn[at - 1] == 9) {
          assertEquals(0, drawn[at]);
          wrapped = true;
        }
      }
    }
    assertTrue(wrapped, "some block crosses the run's end in 50 draws");
  }

  @Test
  void deterministicUnderTheSeedAndDifferentAcrossSeeds() {
    assertArrayEquals(BlockBootstrap.draw(150, 12, new Random(42)),
        BlockBootstrap.draw(150, 12, new Random(42)));
    assertFalse(java.util.Arrays.equals(BlockBootstrap.draw(150, 12, new Random(42)),
        BlockBootstrap.draw(150, 12, new Random(43))));
  }

  @Test
  void aBlockOfTheWholeRunIsACircularShift() {
    int[] drawn = BlockBootstrap.draw(8, 8, new Random(1));
    for (int at = 1; at < 8; at++) {
      assertEquals((drawn[0] + at) % 8, drawn[at]);
    }
  }

  @Test
  void refusesBlocksLongerThanTheRunOrEmpty() {
    assertThrows(IllegalArgumentException.class,
        () -> BlockBootstrap.draw(10, 11, new Random(1)));
    assertThrows(IllegalArgumentException.class,
        () -> BlockBootstrap.draw(10, 0, new Random(1)));
  }
}
