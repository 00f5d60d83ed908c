package dev.sparkvideo.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A second thread only while readers and conversions in flight leave a core free. */
class SpareCoresTest {
  @Test
  void aReaderAloneOnTwoCoresGetsOneSecondThreadAtATime() {
    SpareCores cores = new SpareCores(2);
    cores.readerOpened();
    assertTrue(cores.tryTake(), "one reader, one conversion: two cores");
    assertFalse(cores.tryTake(), "a second conversion in flight would need a third core");
    cores.giveBack();
    assertTrue(cores.tryTake(), "the core given back is spare again");
  }

  @Test
  void asManyReadersAsCoresLeaveNoneSpare() {
    SpareCores cores = new SpareCores(4);
    for (int i = 0; i < 4; i++) {
      cores.readerOpened();
    }
    assertFalse(cores.tryTake());
    cores.readerClosed();
    assertTrue(cores.tryTake(), "three readers and one conversion fit on four cores");
    assertFalse(cores.tryTake());
  }

  @Test
  void oneCoreIsNeverSpare() {
    SpareCores cores = new SpareCores(1);
    cores.readerOpened();
    assertFalse(cores.tryTake());
    assertThrows(IllegalArgumentException.class, () -> new SpareCores(0));
  }
}
