package dev.sparkvideo.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FrameRequestTest {
  @Test
  void defaults() {
    FrameRequest r = FrameRequest.defaults();
    assertEquals(null, r.streamIndex());
    assertEquals(FrameFormat.RGB24, r.format());
    assertTrue(r.autorotate());
    assertEquals(1, r.threads());
    assertTrue(r.decodePixels());
  }

  @Test
  void badValuesAreRejectedWithTheirName() {
    assertMessage("streamIndex", () -> FrameRequest.builder().streamIndex(-1));
    assertMessage("startSeconds", () -> FrameRequest.builder().startSeconds(Double.NaN));
    assertMessage("endSeconds", () -> FrameRequest.builder().endSeconds(Double.POSITIVE_INFINITY));
    assertMessage("width", () -> FrameRequest.builder().width(0));
    assertMessage("height", () -> FrameRequest.builder().height(100_000));
    assertMessage("threads", () -> FrameRequest.builder().threads(-2));
    assertMessage("frameStep", () -> FrameRequest.builder().frameStep(0));
    assertMessage("frame index range [5, 5)", () -> FrameRequest.builder().frameIndexRange(5, 5));
    assertMessage("startSeconds (2.0) must be less than endSeconds (1.0)",
        () -> FrameRequest.builder().startSeconds(2.0).endSeconds(1.0).build());
  }

  private static void assertMessage(String expected, Runnable action) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
