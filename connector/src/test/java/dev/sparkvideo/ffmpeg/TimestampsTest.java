package dev.sparkvideo.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimestampsTest {
  @Test
  void ceilTsIsTheFirstTimestampNotBeforeTheTime() {
    Timestamps t = new Timestamps(1, 30000);
    assertEquals(389389, t.ceilTs(12.979633), "12.9796333 s is the first pts >= 12.979633");
    assertEquals(180180, t.ceilTs(6.006));
    assertEquals(180181, t.ceilTs(6.00601));
    Timestamps ms = new Timestamps(1, 1000);
    for (long ts = 0; ts < 5000; ts += 7) {
      assertEquals(ts, ms.ceilTs(ms.seconds(ts)), "round trip of " + ts);
      assertTrue(ms.seconds(ms.ceilTs(ts / 1000.0 + 1e-7)) >= ts / 1000.0 + 1e-7);
    }
  }

  @Test
  void hugeTimesSaturateInsteadOfOverflowing() {
    Timestamps t = new Timestamps(1, 90000);
    assertEquals(Long.MAX_VALUE, t.ceilTs(1e300));
    assertEquals(Long.MIN_VALUE + 1, t.ceilTs(-1e300));
    assertEquals("1/90000", t.toString());
  }

  @Test
  void onlyQuarterTurnsSwapTheSidesAsTheFfmpegCliTransposes() {
    assertFalse(Rotation.swapsSides(null));
    assertFalse(Rotation.swapsSides(0.0));
    assertTrue(Rotation.swapsSides(-90.0));
    assertTrue(Rotation.swapsSides(90.0));
    assertFalse(Rotation.swapsSides(180.0));
    assertFalse(Rotation.swapsSides(-180.0));
    assertTrue(Rotation.swapsSides(-89.6), "rounded to a degree first");
    assertFalse(Rotation.swapsSides(-45.0), "any other angle is the rotate filter, which keeps the size");
  }
}
