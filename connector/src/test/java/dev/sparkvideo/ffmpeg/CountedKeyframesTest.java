package dev.sparkvideo.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkvideo.io.SeekableInput;
import dev.sparkvideo.testing.Fixtures;
import dev.sparkvideo.testing.VideoSpec;
import dev.sparkvideo.testing.VideoSpec.Codec;
import dev.sparkvideo.testing.VideoSpec.Container;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * In containers without a per-frame index, the frames before a keyframe are counted from the packets, and every
 * reader of an open file shares what the counts learned: a read that seeks again and again reads the packets about
 * once, not once per seek, and numbers its frames as reads of fresh files do.
 */
class CountedKeyframesTest {
  /** 12 s at 25 fps, a keyframe each second, B-frames, at a bit rate that makes seeks' own reads small beside it. */
  private static VideoSpec spec(Container container) {
    return VideoSpec.of(Codec.H264, container).size(320, 240).frames(300).gop(25).bFrames(2).noise().bitRate(8_000_000);
  }

  @ParameterizedTest
  @EnumSource(value = Container.class, names = {"MPEG_TS", "MKV", "MP4_FRAGMENTED"})
  void seeksForwardOneAfterTheOtherReadThePacketsAboutOnce(Container container) throws Exception {
    Path file = Fixtures.video(spec(container));
    double[] starts = {1.5, 3.5, 5.5, 7.5, 9.5, 11.5};
    List<Long> shared = new ArrayList<>();
    long sharedBytes;
    long size;
    try (SeekableInput in = Fixtures.open(file); VideoFile video = VideoFile.open(in)) {
      for (double start : starts) {
        shared.addAll(indices(video, start, true));
      }
      sharedBytes = in.statistics().bytesRead();
      size = in.length();
    }
    long freshBytes = 0;
    List<Long> fresh = new ArrayList<>();
    for (double start : starts) {
      try (SeekableInput in = Fixtures.open(file); VideoFile video = VideoFile.open(in)) {
        fresh.addAll(indices(video, start, true));
        freshBytes += in.statistics().bytesRead();
      }
    }
    assertEquals(fresh, shared, "the same frame indices as reads of fresh files");
    assertEquals(expected(starts), shared);
    // Each fresh file counts from its start: 1.5 + 3.5 + ... + 11.5 s of packets, about 3 files' worth. One file
    // read on from seek to seek costs the packets once (FFmpeg's probe, once more when the count starts over from
    // the start, and the group of pictures before each start decoded again); counting from the start each time
    // read 2-3 times the file.
    assertTrue(sharedBytes < 1.75 * size, container + ": " + sharedBytes + " bytes read for six seeks into a file of "
        + size + " (fresh files: " + freshBytes + ")");
    assertTrue(freshBytes > 2.5 * sharedBytes, container + ": fresh " + freshBytes + ", shared " + sharedBytes);
  }

  @ParameterizedTest
  @EnumSource(value = Container.class, names = {"MPEG_TS", "MKV"})
  void keyframesCountedOnceAreKnownToSeeksBackwardWithPictures(Container container) throws Exception {
    Path file = Fixtures.video(spec(container));
    double[] starts = {11.22, 8.62, 4.3, 2.1};
    List<Long> shared = new ArrayList<>();
    long afterFirst;
    long total;
    long size;
    try (SeekableInput in = Fixtures.open(file); VideoFile video = VideoFile.open(in)) {
      shared.addAll(indices(video, starts[0], true));
      afterFirst = in.statistics().bytesRead();
      for (int i = 1; i < starts.length; i++) {
        shared.addAll(indices(video, starts[i], true));
      }
      total = in.statistics().bytesRead();
      size = in.length();
    }
    assertEquals(expected(starts), shared);
    // Each later read seeks to a keyframe already counted and decodes about one second of it.
    assertTrue(total - afterFirst < 0.5 * size, container + ": " + (total - afterFirst)
        + " bytes for three seeks backward into a file of " + size);
  }

  /** The indices of the frames in [start, start + 0.2 s) at 25 fps. */
  private static List<Long> expected(double[] starts) {
    List<Long> out = new ArrayList<>();
    for (double start : starts) {
      long first = (long) Math.ceil(start * 25 - 1e-9);
      for (long i = first; i < first + 5; i++) {
        out.add(i);
      }
    }
    return out;
  }

  private static List<Long> indices(VideoFile video, double start, boolean pixels) {
    double begin = video.metadata().stream(0).beginStreamSeconds();
    List<Long> out = new ArrayList<>();
    try (FrameReader frames = video.frames(FrameRequest.builder().decodePixels(pixels)
        .startSeconds(begin + start).endSeconds(begin + start + 0.2).build())) {
      while (frames.next()) {
        out.add(frames.get().frameIndex());
      }
    }
    return out;
  }
}
