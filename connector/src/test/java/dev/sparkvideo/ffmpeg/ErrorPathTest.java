package dev.sparkvideo.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkvideo.io.SeekableInput;
import dev.sparkvideo.testing.FailingInput;
import dev.sparkvideo.testing.Fixtures;
import dev.sparkvideo.testing.VideoSpec;
import dev.sparkvideo.testing.VideoSpec.Codec;
import dev.sparkvideo.testing.VideoSpec.Container;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input ends in a {@link VideoException} naming the file and the cause: never a crash, never silence. */
class ErrorPathTest {
  private static final Path DIR = Fixtures.scratch("errors");

  /** Reads the whole file, returning how many frames it gave, or throws. */
  private static int readAll(Path file) throws IOException {
    try (SeekableInput in = Fixtures.open(file); VideoFile video = VideoFile.open(in);
        FrameReader frames = video.frames()) {
      int n = 0;
      while (frames.next()) {
        n++;
      }
      return n;
    }
  }

  private static VideoException failure(Path file) {
    VideoException e = assertThrows(VideoException.class, () -> readAll(file));
    assertTrue(e.getMessage().contains(file.getFileName().toString()), "names the file: " + e.getMessage());
    assertTrue(e.path().endsWith(file.getFileName().toString()));
    return e;
  }

  @Test
  void emptyFile() throws IOException {
    Path empty = Files.write(DIR.resolve("empty.mp4"), new byte[0]);
    assertTrue(failure(empty).getMessage().contains("empty"));
  }

  @Test
  void textFile() throws IOException {
    Path text = Files.writeString(DIR.resolve("notes.mp4"), "just some text, not a video\n".repeat(50));
    VideoException e = failure(text);
    assertTrue(e.getMessage().contains("Invalid data found when processing input"), e.getMessage());
    assertTrue(e.errorCode() < 0);
    assertTrue(e.function().equals("av_probe_input_buffer2") || e.function().equals("avformat_open_input"));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.01, 0.3, 0.7, 0.98})
  void truncatedMoovAtEndFileFailsAtOpen(double fraction) throws IOException {
    Path whole = Fixtures.video(VideoSpec.of(Codec.H264, Container.MP4_MOOV_AT_END));
    Path cut = truncated(whole, fraction);
    VideoException e = failure(cut);
    assertTrue(e.getMessage().contains("avformat_open_input") || e.getMessage().contains("av_probe_input_buffer2"),
        e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.3, 0.6, 0.9})
  void truncatedFaststartFileNeverPretendsToBeComplete(double fraction) throws IOException {
    Path whole = Fixtures.video(VideoSpec.of(Codec.H264, Container.MP4_FASTSTART));
    Path cut = truncated(whole, fraction);
    VideoException e = failure(cut);
    assertTrue(e.getMessage().contains("the file is truncated"), e.getMessage());
    int returned = 0;
    try (SeekableInput in = Fixtures.open(cut); VideoFile video = VideoFile.open(in);
        FrameReader frames = video.frames()) {
      assertEquals(null, video.indexedFrameCount(0), "no frame count from an index the file cannot back");
      assertThrows(VideoException.class, () -> video.checkComplete());
      while (returned < 30) {
        try {
          if (!frames.next()) {
            break;
          }
        } catch (VideoException end) {
          break;
        }
        assertEquals(returned, frames.get().frameIndex());
        returned++;
      }
    }
    assertTrue(returned > 0 && returned < 30, "the frames the file holds come first: " + returned);
  }

  @Test
  void storageFailureIsTheCause() throws IOException {
    Path file = Fixtures.video(VideoSpec.of(Codec.H264, Container.MP4_FASTSTART));
    IOException outage = new IOException("connection reset by test");
    try (SeekableInput in = new FailingInput(Fixtures.open(file), Files.size(file) / 2, outage);
        VideoFile video = VideoFile.open(in, SeekMode.APPROXIMATE, 4096);
        FrameReader frames = video.frames()) {
      VideoException e = assertThrows(VideoException.class, () -> {
        while (frames.next()) {
          frames.get();
        }
      });
      assertSame(outage, e.getCause(), "the storage exception is kept as the cause");
      assertTrue(e.getMessage().contains(file.getFileName().toString()));
      assertTrue(e.getMessage().contains("connection reset by test"), e.getMessage());
    }
  }

  @Test
  void storageFailureDuringOpenIsTheCause() throws IOException {
    Path file = Fixtures.video(VideoSpec.of(Codec.H264, Container.MP4_MOOV_AT_END));
    IOException outage = new IOException("disk gone");
    try (SeekableInput in = new FailingInput(Fixtures.open(file), Files.size(file) - 100, outage)) {
      VideoException e = assertThrows(VideoException.class, () -> VideoFile.open(in));
      assertSame(outage, e.getCause());
    }
    assertEquals(0, AvioBridge.openChannels(), "nothing left open after failures");
  }

  @Test
  void audioOnlyStreamRequestIsRejected() throws IOException {
    Path file = Fixtures.video(VideoSpec.of(Codec.H264, Container.MKV).withAudio());
    try (SeekableInput in = Fixtures.open(file); VideoFile video = VideoFile.open(in)) {
      int audio = video.metadata().container().bestAudioStreamIndex();
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> video.frames(FrameRequest.builder().streamIndex(audio).build()));
      assertTrue(e.getMessage().contains("audio"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> video.frames(FrameRequest.builder().streamIndex(9).build()));
    }
  }

  @Test
  void resourceGuardsRefuseOversizedPicturesBeforeAllocating() throws IOException {
    Path file = Fixtures.video(VideoSpec.of(Codec.H264, Container.MP4_FASTSTART));
    try (SeekableInput in = Fixtures.open(file); VideoFile video = VideoFile.open(in)) {
      VideoException pixels = assertThrows(VideoException.class,
          () -> video.frames(FrameRequest.builder().maxFramePixels(160 * 120 - 1).build()));
      assertTrue(pixels.getMessage().contains("160x120") && pixels.getMessage().contains("maxFramePixels=19199"),
          pixels.getMessage());
      VideoException bytes = assertThrows(VideoException.class,
          () -> video.frames(FrameRequest.builder().maxFrameBytes(160 * 120 * 3 - 1).build()));
      assertTrue(bytes.getMessage().contains("maxFrameBytes"), bytes.getMessage());
      try (FrameReader packets = video.frames(FrameRequest.builder().decodePixels(false).maxFrameBytes(1).build())) {
        assertTrue(packets.next(), "no pixels, no output bytes: the byte limit does not apply");
      }
      try (FrameReader png = video.frames(FrameRequest.builder().format(FrameFormat.PNG).maxFrameBytes(100)
          .build())) {
        VideoException encoded = assertThrows(VideoException.class, png::next);
        assertTrue(encoded.getMessage().contains("png frame of"), encoded.getMessage());
      }
    }
    assertEquals(0, AvioBridge.openChannels());
  }

  private static Path truncated(Path whole, double fraction) throws IOException {
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = DIR.resolve("cut-" + (int) (fraction * 100) + "-" + whole.getFileName());
    Files.write(cut, java.util.Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
    return cut;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
