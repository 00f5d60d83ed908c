package dev.sparkvideo.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkvideo.io.SeekableInput;
import dev.sparkvideo.testing.Fixtures;
import dev.sparkvideo.testing.VideoSpec;
import dev.sparkvideo.testing.VideoSpec.Codec;
import dev.sparkvideo.testing.VideoSpec.Container;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reads touch only the bytes and decode only the frames that the request needs: asserted on the counters. */
class PartialReadTest {
  /** 1280x720, 12 s at 25 fps, ~4 Mbit/s, moov atom at the end: the layout that forces a reader to jump around. */
  static final VideoSpec LARGE = VideoSpec.of(Codec.H264, Container.MP4_MOOV_AT_END)
      .size(1280, 720).frames(300).gop(50).bitRate(4_000_000).noise();

  private static Path large;

  @BeforeAll
  static void makeLargeFile() throws Exception {
    large = Fixtures.video(LARGE);
    assertTrue(Files.size(large) > 2_000_000, "the large fixture is large: " + Files.size(large));
  }

  @Test
  void firstFrameOfMoovAtEndFileReadsUnderTwoPercent() throws Exception {
    long size = Files.size(large);
    try (SeekableInput in = Fixtures.open(large); VideoFile video = VideoFile.open(in);
        FrameReader frames = video.frames()) {
      assertTrue(frames.next());
      assertEquals(0, frames.get().frameIndex());
      assertEquals(1280 * 720 * 3, frames.get().data().length);
      long read = in.statistics().bytesRead();
      assertTrue(read < size * 0.02, "read " + read + " of " + size + " bytes for the first frame");
      assertTrue(in.statistics().seeks() >= 1, "the moov atom at the end was reached by seeking");
    }
  }

  @Test
  void metadataReadsOnlyTheHeader() throws Exception {
    long size = Files.size(large);
    try (SeekableInput in = Fixtures.open(large); VideoFile video = VideoFile.open(in)) {
      assertEquals(300, video.metadata().stream(0).numFramesFromHeader());
      assertTrue(in.statistics().bytesRead() < size * 0.02, "read " + in.statistics().bytesRead());
    }
  }

  @Test
  void seekDecodesFromTheKeyframeBeforeTheStartOnly() throws Exception {
    long size = Files.size(large);
    long keyframe = 0;
    try (SeekableInput in = Fixtures.open(large); VideoFile video = VideoFile.open(in);
        FrameReader frames = video.frames(FrameRequest.builder().decodePixels(false).endSeconds(6.1).build())) {
      while (frames.next()) {
        keyframe = frames.get().keyFrame() ? frames.get().frameIndex() : keyframe;
      }
    }
    try (SeekableInput in = Fixtures.open(large); VideoFile video = VideoFile.open(in);
        FrameReader frames = video.frames(FrameRequest.builder().startSeconds(6.1).endSeconds(6.5).build())) {
      int n = 0;
      while (frames.next()) {
        assertEquals(153 + n, frames.get().frameIndex(), "6.1 s falls between frames 152 (6.08 s) and 153");
        n++;
      }
      assertEquals(10, n);
      // Decoding starts at the keyframe before 6.1 s and stops after frame 162 (a few more may be in flight).
      long needed = 162 - keyframe + 1;
      assertTrue(frames.framesDecoded() <= needed + 3, "decoded " + frames.framesDecoded() + ", needed " + needed);
      assertTrue(in.statistics().bytesRead() < size * 0.15, "read " + in.statistics().bytesRead() + " of " + size);
    }
  }

  @Test
  void indexedFrameCountNeedsNoPacket() throws Exception {
    long size = Files.size(large);
    try (SeekableInput in = Fixtures.open(large); VideoFile video = VideoFile.open(in)) {
      assertEquals(300L, video.indexedFrameCount(0));
      assertTrue(in.statistics().bytesRead() < size * 0.02);
    }
    Path mkv = Fixtures.video(VideoSpec.of(Codec.H264, Container.MKV).frames(100).gop(25));
    try (SeekableInput in = Fixtures.open(mkv); VideoFile video = VideoFile.open(in)) {
      assertEquals(null, video.indexedFrameCount(0), "Matroska has no per-frame index");
    }
    try (SeekableInput in = Fixtures.open(mkv); VideoFile video = VideoFile.open(in, SeekMode.EXACT)) {
      assertEquals(100L, video.indexedFrameCount(0));
    }
  }

  @Test
  void keyframesOnlyDecodesKeyframesOnly() throws Exception {
    try (SeekableInput in = Fixtures.open(large); VideoFile video = VideoFile.open(in);
        FrameReader frames = video.frames(FrameRequest.builder().keyframesOnly(true).build())) {
      int n = 0;
      while (frames.next()) {
        assertTrue(frames.get().keyFrame());
        n++;
      }
      assertTrue(n >= 6, "at least one keyframe per 50 frames: " + n);
      assertEquals(n, frames.framesDecoded());
    }
  }

  @Test
  void packetsOnlyReadDecodesNothing() throws Exception {
    try (SeekableInput in = Fixtures.open(large); VideoFile video = VideoFile.open(in);
        FrameReader frames = video.frames(FrameRequest.builder().decodePixels(false).startSeconds(10.0).build())) {
      int n = 0;
      while (frames.next()) {
        assertEquals(250 + n, frames.get().frameIndex());
        assertEquals(null, frames.get().data());
        assertEquals(1280, frames.get().width());
        n++;
      }
      assertEquals(50, n);
      assertEquals(0, frames.framesDecoded());
    }
  }

  @Test
  void seekInMatroskaCountsPacketsWithoutDecodingThem() throws Exception {
    Path mkv = Fixtures.video(VideoSpec.of(Codec.H264, Container.MKV).frames(100).gop(25));
    try (SeekableInput in = Fixtures.open(mkv); VideoFile video = VideoFile.open(in);
        FrameReader frames = video.frames(FrameRequest.builder().startSeconds(3.0).build())) {
      assertTrue(frames.next());
      assertEquals(75, frames.get().frameIndex(), "index exact without a per-frame container index");
      assertEquals(3.0, frames.get().ptsSeconds(), 1e-9);
      assertTrue(frames.framesDecoded() <= 2, "decoded " + frames.framesDecoded() + " frames to reach frame 75");
    }
  }
}
