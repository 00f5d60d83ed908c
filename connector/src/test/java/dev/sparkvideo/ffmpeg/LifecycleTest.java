package dev.sparkvideo.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkvideo.io.SeekableInput;
import dev.sparkvideo.testing.FrameDigest;
import dev.sparkvideo.testing.Fixtures;
import dev.sparkvideo.testing.VideoSpec;
import dev.sparkvideo.testing.VideoSpec.Codec;
import dev.sparkvideo.testing.VideoSpec.Container;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every way of closing: exhausted, mid-iteration, twice, file before reader; and reuse of one open file. */
class LifecycleTest {
  private static final Path VIDEO = Fixtures.video(VideoSpec.of(Codec.H264, Container.MP4_MOOV_AT_END));

  @AfterEach
  void nothingLeftOpen() {
    assertEquals(0, AvioBridge.openChannels());
  }

  @Test
  void closingTwiceAndMidIterationIsSafe() throws IOException {
    try (SeekableInput in = Fixtures.open(VIDEO)) {
      VideoFile video = VideoFile.open(in);
      FrameReader frames = video.frames();
      assertTrue(frames.next());
      frames.close();
      frames.close();
      assertThrows(IllegalStateException.class, frames::next);
      video.close();
      video.close();
      assertThrows(IllegalStateException.class, video::frames);
    }
  }

  @Test
  void closingTheFileClosesItsReader() throws IOException {
    try (SeekableInput in = Fixtures.open(VIDEO)) {
      VideoFile video = VideoFile.open(in);
      FrameReader frames = video.frames(FrameRequest.builder().format(FrameFormat.JPEG).width(64).build());
      assertTrue(frames.next());
      video.close();
      assertThrows(IllegalStateException.class, frames::next);
    }
  }

  @Test
  void exhaustedReaderKeepsReturningFalse() throws IOException {
    try (SeekableInput in = Fixtures.open(VIDEO); VideoFile video = VideoFile.open(in);
        FrameReader frames = video.frames()) {
      while (frames.next()) {
        frames.get();
      }
      assertFalse(frames.next());
      assertThrows(IllegalStateException.class, frames::get);
    }
  }

  @Test
  void oneFileServesSeveralReadersInTurn() throws IOException {
    try (SeekableInput in = Fixtures.open(VIDEO); VideoFile video = VideoFile.open(in)) {
      List<FrameDigest> first;
      try (FrameReader frames = video.frames()) {
        first = FrameDigest.all(frames);
      }
      try (FrameReader frames = video.frames()) {
        assertThrows(IllegalStateException.class, video::frames, "one reader at a time");
        assertEquals(first, FrameDigest.all(frames), "a second full read from the start");
      }
      try (FrameReader frames = video.frames(FrameRequest.builder().startSeconds(0.6).build())) {
        assertEquals(first.subList(15, first.size()), FrameDigest.all(frames));
      }
    }
  }

  @Test
  void manyOpenDecodeCloseCyclesLeaveNothingBehind() throws IOException {
    for (int i = 0; i < 200; i++) {
      try (SeekableInput in = Fixtures.open(VIDEO); VideoFile video = VideoFile.open(in);
          FrameReader frames = video.frames(FrameRequest.builder().format(FrameFormat.PNG).build())) {
        assertTrue(frames.next());
        if (i % 2 == 0) {
          frames.next();
        }
      }
    }
  }
}
