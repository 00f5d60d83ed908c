package dev.sparkvideo.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkvideo.io.SeekableInput;
import dev.sparkvideo.testing.FrameDigest;
import dev.sparkvideo.testing.Fixtures;
import dev.sparkvideo.testing.VideoSpec;
import dev.sparkvideo.testing.VideoSpec.Codec;
import dev.sparkvideo.testing.VideoSpec.Container;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every codec and container the LGPL build can write, read sequentially, without decoding, in exact mode, and
 * from seeks: all reads must agree frame for frame with the full sequential decode.
 */
class FixtureMatrixTest {

  static Stream<VideoSpec> specs() {
    return Stream.of(
        VideoSpec.of(Codec.H264, Container.MP4_MOOV_AT_END),
        VideoSpec.of(Codec.H264, Container.MP4_FASTSTART).withAudio(),
        VideoSpec.of(Codec.H264, Container.MP4_FRAGMENTED),
        VideoSpec.of(Codec.H264, Container.MKV).withAudio(),
        VideoSpec.of(Codec.H264, Container.MPEG_TS),
        VideoSpec.of(Codec.VP9, Container.WEBM),
        VideoSpec.of(Codec.VP9, Container.MKV),
        VideoSpec.of(Codec.AV1, Container.MKV),
        VideoSpec.of(Codec.AV1, Container.MP4_MOOV_AT_END),
        VideoSpec.of(Codec.MPEG4, Container.AVI),
        VideoSpec.of(Codec.MPEG4, Container.MP4_MOOV_AT_END).bFrames(2),
        VideoSpec.of(Codec.MPEG4, Container.MKV).bFrames(2),
        VideoSpec.of(Codec.MPEG4, Container.MPEG_TS).bFrames(2).withAudio());
  }

  private static List<FrameDigest> read(Path file, SeekMode mode, FrameRequest request) {
    try (SeekableInput in = Fixtures.open(file); VideoFile video = VideoFile.open(in, mode);
        FrameReader frames = video.frames(request)) {
      List<FrameDigest> out = FrameDigest.all(frames);
      assertEquals(0, frames.corruptPackets(), "damaged packets in " + file);
      return out;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void sequentialDecodeYieldsEveryFrameInDisplayOrder(VideoSpec spec) {
    Path file = Fixtures.video(spec);
    List<FrameDigest> frames = read(file, SeekMode.APPROXIMATE, FrameRequest.defaults());
    assertEquals(spec.frameCount(), frames.size(), "frames in " + file.getFileName());
    assertTrue(frames.get(0).key(), "first frame is a keyframe");
    for (int i = 0; i < frames.size(); i++) {
      assertEquals(i, frames.get(i).index());
      assertEquals(160, frames.get(i).width());
      assertEquals(120, frames.get(i).height());
      if (i > 0) {
        assertTrue(frames.get(i).pts() > frames.get(i - 1).pts(), "pts increase in display order");
        assertFalse(frames.get(i).md5().equals(frames.get(i - 1).md5()), "every frame differs");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void packetsOnlyAndExactModeAgreeWithTheDecode(VideoSpec spec) {
    Path file = Fixtures.video(spec);
    List<FrameDigest> decoded = read(file, SeekMode.APPROXIMATE, FrameRequest.defaults());
    List<FrameDigest> packets = read(file, SeekMode.APPROXIMATE,
        FrameRequest.builder().decodePixels(false).build());
    assertEquals(decoded.stream().map(FrameDigest::withoutData).toList(), packets, "packets-only read");
    assertEquals(decoded, read(file, SeekMode.EXACT, FrameRequest.defaults()), "exact mode");
    try (SeekableInput in = Fixtures.open(file); VideoFile video = VideoFile.open(in, SeekMode.EXACT)) {
      StreamMetadata s = video.metadata().stream(video.metadata().container().bestVideoStreamIndex());
      assertEquals(spec.frameCount(), s.numFramesFromContent());
      assertEquals(spec.frameCount(), s.numFrames());
      assertNotNull(s.beginStreamSecondsFromContent());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    try (SeekableInput in = Fixtures.open(file); VideoFile video = VideoFile.open(in)) {
      StreamMetadata s = video.metadata().stream(video.metadata().container().bestVideoStreamIndex());
      assertNull(s.numFramesFromContent(), "approximate mode does not scan");
      assertEquals("video", s.mediaType());
      assertEquals(spec.withAudio().equals(spec) || spec.fileName().contains("audio"),
          video.metadata().container().bestAudioStreamIndex() != null, "audio stream present when written");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void seeksAndRangesReturnExactlyTheSequentialFrames(VideoSpec spec) {
    Path file = Fixtures.video(spec);
    List<FrameDigest> all = read(file, SeekMode.APPROXIMATE, FrameRequest.defaults());
    int n = all.size();
    for (int k : new int[] {1, n / 3, n / 2 + 1, n - 1}) {
      double start = all.get(k).ptsSeconds();
      double justAfterPrevious = all.get(k - 1).ptsSeconds() + 1e-4;
      for (double s : new double[] {start, justAfterPrevious}) {
        List<FrameDigest> tail = all.subList(k, n);
        for (SeekMode mode : SeekMode.values()) {
          assertEquals(tail, read(file, mode, FrameRequest.builder().startSeconds(s).build()),
              mode + " seek to " + s + " (frame " + k + ")");
        }
        assertEquals(tail.stream().map(FrameDigest::withoutData).toList(),
            read(file, SeekMode.APPROXIMATE, FrameRequest.builder().startSeconds(s).decodePixels(false).build()),
            "packets-only seek to frame " + k);
      }
    }
    List<FrameDigest> keyframes = all.stream().filter(FrameDigest::key).toList();
    assertEquals(keyframes, read(file, SeekMode.APPROXIMATE, FrameRequest.builder().keyframesOnly(true).build()),
        "keyframes only");
    assertEquals(keyframes.stream().map(FrameDigest::withoutData).toList(), read(file, SeekMode.APPROXIMATE,
        FrameRequest.builder().keyframesOnly(true).decodePixels(false).build()), "keyframes only, packets");
    assertEquals(all.stream().filter(f -> f.index() % 7 == 0).toList(),
        read(file, SeekMode.APPROXIMATE, FrameRequest.builder().frameStep(7).build()), "every 7th frame");
    assertEquals(all.subList(5, 12), read(file, SeekMode.APPROXIMATE,
        FrameRequest.builder().frameIndexRange(5, 12).build()), "frames 5 to 11");
    int from = n / 4;
    int to = 3 * n / 4;
    assertEquals(all.subList(from, to), read(file, SeekMode.APPROXIMATE, FrameRequest.builder()
        .startSeconds(all.get(from).ptsSeconds()).endSeconds(all.get(to).ptsSeconds()).build()), "range");
  }
}
