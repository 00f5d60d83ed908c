package dev.sparkvideo.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkvideo.io.SeekableInput;
import dev.sparkvideo.testing.FrameDigest;
import dev.sparkvideo.testing.Fixtures;
import dev.sparkvideo.testing.VideoSpec;
import dev.sparkvideo.testing.VideoSpec.Codec;
import dev.sparkvideo.testing.VideoSpec.Container;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Partly damaged files give the frames around the damage and count it; lying headers do not change the frames. */
class DamagedInputTest {
  private static final Path DIR = Fixtures.scratch("damaged");

  private static List<FrameDigest> read(Path file, long[] corrupt) throws IOException {
    try (SeekableInput in = Fixtures.open(file); VideoFile video = VideoFile.open(in);
        FrameReader frames = video.frames()) {
      List<FrameDigest> out = FrameDigest.all(frames);
      corrupt[0] = frames.corruptPackets();
      return out;
    }
  }

  @Test
  void framesBeforeAndAfterDamageInTheMiddleAreReturnedAndTheDamageCounted() throws IOException {
    for (VideoSpec spec : List.of(VideoSpec.of(Codec.H264, Container.MPEG_TS).frames(100).gop(25),
        VideoSpec.of(Codec.H264, Container.MKV).frames(100).gop(25))) {
      Path whole = Fixtures.video(spec);
      byte[] bytes = Files.readAllBytes(whole);
      Arrays.fill(bytes, bytes.length / 2, bytes.length / 2 + 3000, (byte) 0);
      Path damaged = Files.write(DIR.resolve("middle-" + spec.fileName()), bytes);
      long[] corrupt = new long[1];
      List<FrameDigest> intact = read(whole, new long[1]);
      List<FrameDigest> frames = read(damaged, corrupt);
      assertTrue(corrupt[0] > 0, spec.fileName() + ": the damage is counted");
      assertTrue(frames.size() >= 50, spec.fileName() + ": frames around the damage come back: " + frames.size());
      assertEquals(intact.subList(0, 30), frames.subList(0, 30), "the frames before the damage are untouched");
      FrameDigest last = frames.get(frames.size() - 1);
      assertEquals(intact.get(99).md5(), last.md5(), "the decoder resynchronised at a later keyframe");
      assertEquals(intact.get(99).pts(), last.pts());
      // Indices count the packets the container still has: frames whose packets were destroyed are not counted.
      assertTrue(last.index() >= 99 - (intact.size() - frames.size()), "index " + last.index());
    }
  }

  @Test
  void aHeaderThatLiesAboutTheDurationChangesNoFrame() throws IOException {
    // MP4 durations are recomputed by FFmpeg from the sample tables; Matroska's Segment duration is taken as given.
    Path whole = Fixtures.video(VideoSpec.of(Codec.H264, Container.MKV));
    byte[] bytes = Files.readAllBytes(whole);
    int at = indexOf(bytes, new byte[] {0x44, (byte) 0x89, (byte) 0x88}) + 3;
    java.nio.ByteBuffer.wrap(bytes, at, 8).putDouble(java.nio.ByteBuffer.wrap(bytes, at, 8).getDouble() * 100);
    Path liar = Files.write(DIR.resolve("long-claim.mkv"), bytes);
    try (SeekableInput in = Fixtures.open(liar); VideoFile video = VideoFile.open(in)) {
      assertTrue(video.metadata().container().durationSecondsFromHeader() > 100, "the header claims over 100 s");
    }
    assertEquals(read(whole, new long[1]), read(liar, new long[1]), "the same frames, none invented");
    try (SeekableInput in = Fixtures.open(liar); VideoFile video = VideoFile.open(in, SeekMode.EXACT)) {
      assertEquals(30L, video.metadata().stream(0).numFramesFromContent(), "exact mode counts what is there");
    }
  }

  private static int indexOf(byte[] data, byte[] pattern) {
    outer:
    for (int i = 0; i + pattern.length <= data.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("no " + new String(pattern, StandardCharsets.US_ASCII));
  }
}
