package dev.sparkvideo.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkvideo.io.SeekableInput;
import dev.sparkvideo.testing.FfmpegCommandLine;
import dev.sparkvideo.testing.FfmpegCommandLine.ProbedFrame;
import dev.sparkvideo.testing.FrameDigest;
import dev.sparkvideo.testing.Fixtures;
import dev.sparkvideo.testing.UserVideos;
import dev.sparkvideo.testing.UserVideos.Video;
import dev.sparkvideo.testing.VideoSpec;
import dev.sparkvideo.testing.VideoSpec.Codec;
import dev.sparkvideo.testing.VideoSpec.Container;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The frame contract (docs/schema.md), on every codec and container the LGPL build writes and every class of video
 * users have: {@code frame_index} 0 is the first frame a full decode returns and indices are consecutive display
 * ranks, as the command line counts them; {@code pts} is the decoded frame's (best-effort) time, never a sentinel; and
 * every read path (without pixels, exact mode, seeks, ranges, steps, keyframes only) returns exactly the frames of the
 * full sequential decode, with the same index, time and key flag.
 */
class FrameContractTest {
  /** The codecs and containers the synthesizer writes, plain: each with its own file layout and index. */
  static final List<VideoSpec> CODECS_AND_CONTAINERS = List.of(
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

  static Stream<Video> videos() {
    List<Video> all = new ArrayList<>();
    for (VideoSpec spec : CODECS_AND_CONTAINERS) {
      all.add(new Video(spec.fileName(), Fixtures.video(spec), 0));
    }
    all.addAll(UserVideos.generated());
    all.addAll(UserVideos.conformance());
    all.addAll(UserVideos.cutMidGop());
    all.addAll(UserVideos.h264WithoutContainerReorderDepth());
    return all.stream();
  }

  static Stream<VideoSpec> codecsAndContainers() {
    return CODECS_AND_CONTAINERS.stream();
  }

  private static List<FrameDigest> read(Path file, SeekMode mode, FrameRequest.Builder request, int stream) {
    try (SeekableInput in = Fixtures.open(file); VideoFile video = VideoFile.open(in, mode);
        FrameReader frames = video.frames(request.streamIndex(stream).build())) {
      List<FrameDigest> out = FrameDigest.all(frames);
      assertEquals(0, frames.corruptPackets(), "damaged packets in " + file);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<FrameDigest> read(Video video, FrameRequest.Builder request) {
    return read(video.file(), SeekMode.APPROXIMATE, request, video.stream());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("videos")
  void framesAreNumberedAsTheCommandLineDecodesThem(Video video) {
    List<ProbedFrame> reference = FfmpegCommandLine.get().frames(video.file(), video.stream(),
        video.referenceOptions());
    List<FrameDigest> frames = read(video, FrameRequest.builder().format(FrameFormat.GRAY));
    assertFalse(reference.isEmpty(), video + ": ffprobe decodes frames");
    assertEquals(reference.size(), frames.size(), video + ": one row per frame the decoder returns");
    for (int i = 0; i < frames.size(); i++) {
      FrameDigest f = frames.get(i);
      ProbedFrame p = reference.get(i);
      assertEquals(i, f.index(), video + ": consecutive display ranks from 0");
      assertEquals(p.key(), f.key(), video + ": key flag of frame " + i);
      if (p.bestEffortTimestamp() != null) {
        assertEquals(p.bestEffortTimestamp().longValue(), f.pts(), video + ": best-effort time of frame " + i);
      }
      assertNotEquals(Long.MIN_VALUE, f.pts(), video + ": never AV_NOPTS_VALUE");
      if (i > 0) {
        assertTrue(f.pts() > frames.get(i - 1).pts(), video + ": times grow in display order at frame " + i);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("videos")
  void readsWithoutPixelsAndInExactModeReturnTheSameFrames(Video video) {
    List<FrameDigest> decoded = read(video, FrameRequest.builder());
    assertFalse(decoded.isEmpty());
    assertEquals(decoded.stream().map(FrameDigest::withoutData).toList(),
        read(video, FrameRequest.builder().decodePixels(false)), video + ": without pixels");
    assertEquals(decoded, read(video.file(), SeekMode.EXACT, FrameRequest.builder(), video.stream()),
        video + ": exact mode");
    try (SeekableInput in = Fixtures.open(video.file()); VideoFile file = VideoFile.open(in, SeekMode.EXACT)) {
      StreamMetadata s = file.metadata().stream(video.stream());
      assertEquals(decoded.size(), s.numFramesFromContent(), video + ": frames counted from packets");
      Long indexed = file.indexedFrameCount(video.stream());
      assertEquals(decoded.size(), indexed == null ? -1 : indexed, video + ": exact mode's count");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (SeekableInput in = Fixtures.open(video.file()); VideoFile file = VideoFile.open(in)) {
      Long indexed = file.indexedFrameCount(video.stream());
      if (indexed != null) {
        assertEquals(decoded.size(), indexed.longValue(), video + ": the container index's count");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("videos")
  void seeksRangesStepsAndKeyframesReturnExactlyTheSequentialFrames(Video video) {
    List<FrameDigest> all = read(video, FrameRequest.builder());
    int n = all.size();
    for (int k : new int[] {1, n / 3, n / 2 + 1, n - 1}) {
      double start = all.get(k).ptsSeconds();
      double justAfterPrevious = all.get(k - 1).ptsSeconds() + 1e-4;
      for (double s : new double[] {start, justAfterPrevious}) {
        List<FrameDigest> tail = all.subList(k, n);
        for (SeekMode mode : SeekMode.values()) {
          assertEquals(tail, read(video.file(), mode, FrameRequest.builder().startSeconds(s), video.stream()),
              video + ": " + mode + " seek to " + s + " (frame " + k + ")");
        }
        assertEquals(tail.stream().map(FrameDigest::withoutData).toList(),
            read(video, FrameRequest.builder().startSeconds(s).decodePixels(false)),
            video + ": seek to frame " + k + " without pixels");
      }
    }
    List<FrameDigest> keyframes = all.stream().filter(FrameDigest::key).toList();
    assertEquals(keyframes, read(video, FrameRequest.builder().keyframesOnly(true)), video + ": keyframes only");
    assertEquals(keyframes.stream().map(FrameDigest::withoutData).toList(),
        read(video, FrameRequest.builder().keyframesOnly(true).decodePixels(false)),
        video + ": keyframes only, without pixels");
    assertEquals(all.stream().filter(f -> f.index() % 3 == 0).toList(), read(video, FrameRequest.builder()
        .frameStep(3)), video + ": every 3rd frame");
    int from = n / 4;
    int to = Math.max(from + 1, 3 * n / 4);
    assertEquals(all.subList(from, to), read(video, FrameRequest.builder().frameIndexRange(from, to)),
        video + ": frames " + from + " to " + to);
    assertEquals(all.subList(from, to), read(video, FrameRequest.builder()
        .startSeconds(all.get(from).ptsSeconds()).endSeconds(all.get(to).ptsSeconds())), video + ": time range");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("codecsAndContainers")
  void everyFrameWrittenIsReadOnceWithItsOwnPicture(VideoSpec spec) {
    Path file = Fixtures.video(spec);
    List<FrameDigest> frames = read(file, SeekMode.APPROXIMATE, FrameRequest.builder(), 0);
    assertEquals(spec.frameCount(), frames.size(), "frames in " + file.getFileName());
    assertTrue(frames.get(0).key(), "first frame is a keyframe");
    for (int i = 1; i < frames.size(); i++) {
      assertNotEquals(frames.get(i - 1).md5(), frames.get(i).md5(), "every frame differs");
    }
    try (SeekableInput in = Fixtures.open(file); VideoFile video = VideoFile.open(in)) {
      StreamMetadata s = video.metadata().stream(video.metadata().container().bestVideoStreamIndex());
      assertNull(s.numFramesFromContent(), "approximate mode does not scan");
      assertEquals("video", s.mediaType());
      assertEquals(spec.fileName().contains("audio"), video.metadata().container().bestAudioStreamIndex() != null,
          "audio stream present when written");
      assertNotNull(s.fieldOrder());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
