package dev.sparkvideo.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sparkvideo.io.SeekableInput;
import dev.sparkvideo.testing.FrameDigest;
import dev.sparkvideo.testing.Fixtures;
import dev.sparkvideo.testing.VideoSpec;
import dev.sparkvideo.testing.VideoSpec.Codec;
import dev.sparkvideo.testing.VideoSpec.Container;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Frames converted on a second thread while the next is decoded ({@link FrameRequest#conversionThread()}): the frames,
 * their numbering, the failures and where reading stops are those of a reader on one thread.
 */
class PipelinedConversionTest {
  private static final Path VIDEO = Fixtures.video(VideoSpec.of(Codec.MPEG4, Container.MP4_MOOV_AT_END)
      .frames(60).gop(12).bFrames(2));

  @AfterEach
  void nothingLeftOpen() {
    assertEquals(0, AvioBridge.openChannels());
  }

  private static List<FrameDigest> read(Path file, UnaryOperator<FrameRequest.Builder> request, boolean pipelined,
      int threads) throws IOException {
    try (SeekableInput in = Fixtures.open(file); VideoFile video = VideoFile.open(in); FrameReader frames =
        video.frames(request.apply(FrameRequest.builder()).conversionThread(pipelined).threads(threads).build())) {
      return FrameDigest.all(frames);
    }
  }

  @Test
  void everyRequestGivesTheFramesOfOneThread() throws IOException {
    List<UnaryOperator<FrameRequest.Builder>> requests = List.of(
        b -> b,
        b -> b.reuseData(true),
        b -> b.format(FrameFormat.YUV420P).reuseData(true),
        b -> b.frameStep(7),
        b -> b.startSeconds(0.9).endSeconds(1.6),
        b -> b.frameIndexRange(5, 9),
        b -> b.keyframesOnly(true),
        b -> b.format(FrameFormat.JPEG).width(96),
        b -> b.format(FrameFormat.GRAY).width(80).height(60));
    for (int i = 0; i < requests.size(); i++) {
      List<FrameDigest> one = read(VIDEO, requests.get(i), false, 1);
      assertTrue(!one.isEmpty(), "request " + i + " returns frames");
      assertEquals(one, read(VIDEO, requests.get(i), true, 1), "request " + i + " converted on a second thread");
      assertEquals(one, read(VIDEO, requests.get(i), true, 2), "request " + i + " with two decoder threads too");
      assertEquals(one, read(VIDEO, requests.get(i), true, 0), "request " + i + " with FFmpeg's choice of threads");
    }
  }

  @Test
  void reusedArraysHoldEachFrameUntilTheNextCall() throws IOException {
    List<FrameDigest> expected = read(VIDEO, b -> b, false, 1);
    try (SeekableInput in = Fixtures.open(VIDEO); VideoFile video = VideoFile.open(in);
        FrameReader frames = video.frames(FrameRequest.builder().reuseData(true).build())) {
      List<String> seen = new ArrayList<>();
      byte[] previous = null;
      while (frames.next()) {
        byte[] data = frames.get().data();
        seen.add(FrameDigest.md5(data));
        assertTrue(previous == null || data == previous, "one array serves every frame");
        previous = data;
      }
      assertEquals(expected.stream().map(FrameDigest::md5).toList(), seen);
    }
  }

  @Test
  void aReaderLeftAfterItsFirstFrameDecodedNothingPastIt() throws IOException {
    try (SeekableInput in = Fixtures.open(VIDEO); VideoFile video = VideoFile.open(in);
        FrameReader frames = video.frames()) {
      assertTrue(frames.next());
      assertEquals(1, frames.framesDecoded(), "no look-ahead before the second frame is asked for");
      assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "a second thread needs a spare core");
      assertTrue(frames.next());
      assertEquals(1, frames.get().frameIndex());
      assertTrue(frames.framesDecoded() >= 3, "from the second frame on, the next one is decoded while it converts");
    }
  }

  @Test
  void withAReaderOnEveryCoreEachConvertsOnItsOwnThreadUntilACoreIsFree() throws IOException {
    int cores = Runtime.getRuntime().availableProcessors();
    List<SeekableInput> inputs = new ArrayList<>();
    List<VideoFile> videos = new ArrayList<>();
    List<FrameReader> readers = new ArrayList<>();
    try {
      for (int i = 0; i < cores; i++) {
        inputs.add(Fixtures.open(VIDEO));
        videos.add(VideoFile.open(inputs.get(i)));
        readers.add(videos.get(i).frames(FrameRequest.builder().reuseData(true).build()));
      }
      for (FrameReader reader : readers) {
        assertTrue(reader.next());
        assertTrue(reader.next());
        assertEquals(2, reader.framesDecoded(), "no core spare: no look-ahead");
      }
      FrameReader last = readers.remove(readers.size() - 1);
      for (FrameReader reader : readers) {
        reader.close();
      }
      assumeTrue(cores >= 2, "a second thread needs a spare core");
      assertTrue(last.next());
      assertEquals(2, last.get().frameIndex());
      assertTrue(last.framesDecoded() >= 4, "alone, the reader decodes the next frame while this one converts");
      last.close();
    } finally {
      for (FrameReader reader : readers) {
        reader.close();
      }
      for (VideoFile video : videos) {
        video.close();
      }
      for (SeekableInput input : inputs) {
        input.close();
      }
    }
  }

  @Test
  void aFirstFrameReadDecodesNoMoreThanOnOneThread() throws IOException {
    for (boolean pipelined : new boolean[] {false, true}) {
      try (SeekableInput in = Fixtures.open(VIDEO); VideoFile video = VideoFile.open(in); FrameReader frames =
          video.frames(FrameRequest.builder().conversionThread(pipelined).frameIndexRange(0, 1).build())) {
        assertTrue(frames.next());
        assertEquals(0, frames.get().frameIndex());
        assertTrue(!frames.next());
        assertEquals(1, frames.framesDecoded(), "pipelined " + pipelined + ": nothing past the frame wanted decoded");
      }
    }
  }

  @Test
  void aFileCutShortReturnsTheSameFramesThenTheSameError() throws IOException {
    Path whole = Fixtures.video(VideoSpec.of(Codec.H264, Container.MP4_FASTSTART));
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = Files.write(Fixtures.scratch("pipelined").resolve("cut-" + whole.getFileName()),
        Arrays.copyOf(bytes, bytes.length * 6 / 10));
    List<String> outcomes = new ArrayList<>();
    for (boolean pipelined : new boolean[] {false, true}) {
      List<FrameDigest> frames = new ArrayList<>();
      VideoException failure = null;
      try (SeekableInput in = Fixtures.open(cut); VideoFile video = VideoFile.open(in);
          FrameReader reader = video.frames(FrameRequest.builder().conversionThread(pipelined).build())) {
        while (reader.next()) {
          frames.add(FrameDigest.of(reader.get()));
        }
      } catch (VideoException e) {
        failure = e;
      }
      assertNotNull(failure, "pipelined " + pipelined + ": the cut is reported");
      assertTrue(!frames.isEmpty(), "pipelined " + pipelined + ": the frames before the cut come first");
      outcomes.add(frames + " then " + failure.getMessage());
    }
    assertEquals(outcomes.get(0), outcomes.get(1));
  }

  @Test
  void closingMidReadWaitsForTheConversionAndFreesEverything() throws IOException {
    for (int stopAfter = 1; stopAfter <= 4; stopAfter++) {
      try (SeekableInput in = Fixtures.open(VIDEO); VideoFile video = VideoFile.open(in)) {
        FrameReader frames = video.frames(FrameRequest.builder().build());
        for (int i = 0; i < stopAfter; i++) {
          assertTrue(frames.next());
        }
        frames.close();
        frames.close();
      }
    }
  }
}
