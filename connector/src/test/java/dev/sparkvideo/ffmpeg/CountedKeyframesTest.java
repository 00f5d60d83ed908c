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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * In containers without a per-frame index, the frames before a keyframe are counted from the packets, and every
 * reader of a file version shares what the counts learned: a read that seeks again and again reads the packets about
 * once, not once per seek, and numbers its frames as reads of fresh files do. Each test reads copies of its own, new
 * file versions, which nothing in the JVM has counted yet.
 */
class CountedKeyframesTest {
  private static final Path COPIES = Fixtures.scratch("counted-keyframes");

  /** 12 s at 25 fps, a keyframe each second, B-frames, at a bit rate that makes seeks' own reads small beside it. */
  private static VideoSpec spec(Container container) {
    return VideoSpec.of(Codec.H264, container).size(320, 240).frames(300).gop(25).bFrames(2).noise().bitRate(8_000_000);
  }

  @ParameterizedTest
  @EnumSource(value = Container.class, names = {"MPEG_TS", "MKV", "MP4_FRAGMENTED"})
  void seeksForwardOneAfterTheOtherReadThePacketsAboutOnce(Container container) throws Exception {
    Path file = newVersion(container);
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
      Path copy = newVersion(container);
      try (SeekableInput in = Fixtures.open(copy); VideoFile video = VideoFile.open(in)) {
        fresh.addAll(indices(video, start, true));
        freshBytes += in.statistics().bytesRead();
      } finally {
        Files.delete(copy);
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
    Path file = newVersion(container);
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

  @ParameterizedTest
  @EnumSource(value = Container.class, names = {"MPEG_TS", "MKV"})
  void aReadRecordsTheKeyframesItPassesForTheSeeksAfterIt(Container container) throws Exception {
    Path file = newVersion(container);
    try (SeekableInput in = Fixtures.open(file); VideoFile video = VideoFile.open(in)) {
      double begin = video.metadata().stream(0).beginStreamSeconds();
      long read = 0;
      try (FrameReader frames = video.frames(FrameRequest.builder().decodePixels(false).endSeconds(begin + 9.0)
          .build())) {
        while (frames.next()) {
          assertEquals(read++, frames.get().frameIndex());
        }
      }
      assertEquals(225, read);
      long before = in.statistics().bytesRead();
      List<Long> sought = new ArrayList<>(indices(video, 8.3, true));
      sought.addAll(indices(video, 2.7, true));
      assertEquals(expected(new double[] {8.3, 2.7}), sought);
      // Both seek to a keyframe the first read passed: no packet before it is counted again.
      long after = in.statistics().bytesRead() - before;
      assertTrue(after < 0.35 * in.length(), container + ": " + after + " bytes for two seeks into a file of "
          + in.length());
    }
  }

  @ParameterizedTest
  @EnumSource(value = Container.class, names = {"MPEG_TS", "MKV"})
  void laterOpensOfTheSameFileVersionUseItsCountsAndAnotherVersionCountsAgain(Container container)
      throws Exception {
    Path file = newVersion(container);
    List<Long> first = readAt(file, 9.5);
    long again = bytesToReadAt(file, 9.3);
    Path other = newVersion(container);
    long otherVersion = bytesToReadAt(other, 9.3);
    assertEquals(expected(new double[] {9.5}), first);
    assertEquals(expected(new double[] {9.3}), readAt(other, 9.3));
    // What a later time slice in another task of the executor does: no count of the 9 s before its start.
    assertTrue(again * 2 < otherVersion, container + ": " + again + " bytes for a later open of the same version, "
        + otherVersion + " for a new version");
  }

  private static List<Long> readAt(Path file, double start) throws Exception {
    try (SeekableInput in = Fixtures.open(file); VideoFile video = VideoFile.open(in)) {
      return indices(video, start, true);
    }
  }

  private static long bytesToReadAt(Path file, double start) throws Exception {
    try (SeekableInput in = Fixtures.open(file); VideoFile video = VideoFile.open(in)) {
      indices(video, start, true);
      return in.statistics().bytesRead();
    }
  }

  /** A copy of the test video: a file version no reader in this JVM has counted. */
  private static Path newVersion(Container container) throws Exception {
    Path original = Fixtures.video(spec(container));
    String name = original.getFileName().toString();
    Path copy = Files.copy(original, COPIES.resolve(System.nanoTime() + "-" + name));
    copy.toFile().deleteOnExit();
    return copy;
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
